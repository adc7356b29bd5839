# ━━ 04 · Adam — book §6.1.6 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
class Adam:
    """Adam (§6.1.6): Momentum's moving average m of the gradients joined with a moving average
    v of their squares, both corrected for starting at zero. The book folds that correction
    into the learning rate of step t. The shape of one update:

        iter ← iter + 1
        lr_t ← lr · √(1 − □) / (1 − □)
        m ← m + (1 − β1) · (□ − m)
        v ← v + (1 − β2) · (□ − v)
        W ← W − lr_t · □ / (√□ + 1e-7)

    m and v are state (zeros shaped like params, created on the first update); self.iter counts
    the updates, one per call. Change params[key] in place.
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        # TODO(§6.1.6): create self.m and self.v on the first call; count the update in
        #   self.iter; compute lr_t once per update; then for every key update m, v, params[key].
        pass
