# ━━ 10 · Weight decay — book §6.4.2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
# Loss + ½λΣW² over the weight matrices W1, W2, …; their gradients get + λW (§6.4.2).

def weight_decay_loss(params, weight_decay_lambda):
    """½·λ·ΣW² over the weight matrices (keys W1, W2, …)."""
    weight_decay = 0
    for key, W in params.items():
        if re.fullmatch(r'W\d+', key):
            weight_decay += 0.5 * weight_decay_lambda * np.sum(W ** 2)
    return weight_decay


def add_weight_decay(grads, params, weight_decay_lambda):
    """dW + λW for the weight matrices, the other gradients unchanged, in a new dict."""
    out = {}
    for key, grad in grads.items():
        if re.fullmatch(r'W\d+', key):
            out[key] = grad + weight_decay_lambda * params[key]
        else:
            out[key] = grad
    return out

