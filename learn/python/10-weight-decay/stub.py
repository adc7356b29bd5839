# ━━ 10 · Weight decay — book §6.4.2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
# Large weights often come with overfitting, so the book penalises them: it adds half of λ times
# the sum of the squares of every weight matrix to the loss. Only the Affine weights W1, W2, …
# decay; the biases b1, b2, … and BatchNorm's gamma1, beta1, … do not. The shapes:
#
#     loss term:   □ · λ · Σ over W1, W2, … of np.sum(W ** 2)
#     gradient:    dW ← dW + □           (for each weight matrix; other grads unchanged)
#
# Keys follow the book's nets: a weight matrix is a key 'W' followed by digits (W1, W2, …).

def weight_decay_loss(params, weight_decay_lambda):
    """The term the book's MultiLayerNet.loss adds: □ · λ · Σ W² over the weight matrices."""
    # TODO(§6.4.2): □·λ·(sum of squares of every entry of every weight matrix).
    return 0.0


def add_weight_decay(grads, params, weight_decay_lambda):
    """The gradients to use: a new dict holding, for each key, the unchanged gradient, or for a
    weight matrix its gradient plus the decay term (the book's MultiLayerNet.gradient)."""
    # TODO(§6.4.2): a new dict; for weight keys, dW + □.
    return grads

