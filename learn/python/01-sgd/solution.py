# ━━ 01 · SGD — book §6.1.2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
class SGD:
    """Stochastic gradient descent (§6.1.2): W ← W − lr·∂L/∂W, in place, for every key."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]
