# ━━ 01 · SGD — book §6.1.2 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
class SGD:
    """Stochastic gradient descent (§6.1.2): every parameter takes a small step against its
    gradient. The shape of the rule (fill in the box):

        W ← W − □ · ∂L/∂W

    params and grads are dicts of NumPy arrays by name ('W1', 'b1', 'W2', …); grads[key] has
    the shape of params[key]. Change each params[key] IN PLACE (params[key] -= …): the network's
    layers hold these very arrays, so params[key] = params[key] - … would never reach them.
    """

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        # TODO(§6.1.2): for every key of params, W ← W − □·g, in place.
        pass
