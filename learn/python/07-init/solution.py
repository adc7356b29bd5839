# ━━ 07 · Xavier and He initial weights — book §6.2.2–6.2.3 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
def init_std(weight_init_std, n):
    """Xavier √(1/n), He √(2/n), a number is the std itself; n = nodes of the previous layer."""
    if str(weight_init_std).lower() in ('relu', 'he'):
        return np.sqrt(2.0 / n)
    if str(weight_init_std).lower() in ('sigmoid', 'xavier'):
        return np.sqrt(1.0 / n)
    return weight_init_std


def init_weight(n_in, n_out, weight_init_std):
    """std * randn(n_in, n_out), as the book's MultiLayerNet draws W (§6.2.2)."""
    scale = init_std(weight_init_std, n_in)
    return scale * np.random.randn(n_in, n_out)
