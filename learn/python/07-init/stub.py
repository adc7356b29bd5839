# ━━ 07 · Xavier and He initial weights — book §6.2.2–6.2.3 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
def init_std(weight_init_std, n):
    """The std of the initial weights of a layer whose PREVIOUS layer has n nodes (§6.2.2).
    weight_init_std is a name, as the book's MultiLayerNet takes it, or a number:

        'xavier' or 'sigmoid' (for sigmoid, tanh):  std = √(□ / n)
        'he' or 'relu'        (for ReLU):           std = √(□ / n)
        a number σ (0.01, 1, …):                     std = σ
    """
    # TODO(§6.2.2–6.2.3): a number is the std itself; 'xavier' and 'he' depend on n as above.
    return 1.0


def init_weight(n_in, n_out, weight_init_std):
    """An n_in×n_out weight matrix drawn as the book draws W: std * np.random.randn(□, □).
    Take the draws from np.random (the checks seed it), never from another generator."""
    # TODO(§6.2.2): std from init_std(weight_init_std, □), then std times the draws.
    return np.zeros((n_in, n_out))
