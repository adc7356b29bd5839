# ━━ 05 · RMSprop — book §6.1.5 (note) ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
class RMSprop:
    """RMSprop (the note after AdaGrad in §6.1.5, and the book's optimizer.py): AdaGrad's h only
    grows, so its steps shrink to nothing. RMSprop forgets: h is a moving average of the squared
    gradients, old ones fading by the decay rate ρ (self.decay_rate). The shape of the rule:

        h ← □ · h + □ · ∂L/∂W ⊙ ∂L/∂W
        W ← W − lr · ∂L/∂W / (√h + 1e-7)

    The same book quirk as AdaGrad: 1e-7 outside the square root. h is state (zeros shaped like
    params, created on the first update). Change params[key] in place.
    """

    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params, grads):
        # TODO(§6.1.5): create self.h on the first call, then for every key:
        #   h[key] ← □·h[key] + □·g·g, then params[key] -= lr·g / (√h[key] + 1e-7).
        pass
