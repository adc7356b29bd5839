# ━━ 02 · Momentum — book §6.1.4 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
class Momentum:
    """Momentum (§6.1.4): a ball rolling down the loss surface. A velocity v gathers the past
    gradients, fading as it goes, and W moves by v. The shape of the rule (fill in the boxes):

        v ← □ · v − □ · ∂L/∂W
        W ← W + □

    v is state: a dict with one array per key of params, the same shape, zeros at first. The
    book creates it on the first update (self.v is None until then). Change params[key] in place.
    """

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        # TODO(§6.1.4): on the first call, self.v = {key: np.zeros_like(val) for each key, val of
        #   params}. Then for every key: v[key] first, then params[key] (in place), boxes filled in.
        pass
