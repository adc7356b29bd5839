# ━━ 06 · Nesterov — book §6.1 (optimizer.py) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
class Nesterov:
    """Nesterov's accelerated gradient (the book's optimizer.py, in the form of Sutskever et al.
    2013): Momentum with a look-ahead, the gradient taken where the velocity is about to carry W.
    Written for a gradient measured at W itself, the update becomes (fill in the boxes):

        W ← W + □ · v − □ · lr · ∂L/∂W
        v ← α · v − lr · ∂L/∂W

    with α = self.momentum. Order matters: the W step uses the v of the PREVIOUS update (early
    printings of the book's code update v first; this project follows the corrected order).
    v is state (zeros shaped like params, created on the first update).
    """

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        # TODO: create self.v on the first call, then for every key:
        #   first params[key] (with the old v[key]), then v[key].
        pass
