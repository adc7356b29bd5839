# ━━ 03 · AdaGrad — book §6.1.5 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
class AdaGrad:
    """AdaGrad (§6.1.5): a learning rate per parameter. h adds up the squares of all past
    gradients, and each number of W takes a step divided by √h, so what moved a lot slows down.
    The shape of the rule (fill in the boxes):

        h ← h + □
        W ← W − lr · ∂L/∂W / (□ + 1e-7)

    Book quirk to keep: 1e-7 is added OUTSIDE the square root (it only keeps a zero h from
    dividing by zero). h is state like Momentum's v: zeros shaped like params, created on the
    first update. Change params[key] in place.
    """

    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        # TODO(§6.1.5): create self.h on the first call (np.zeros_like per key), then for every
        #   key: h[key] ← h[key] + □, then params[key] -= lr · g / (□ + 1e-7).
        pass
