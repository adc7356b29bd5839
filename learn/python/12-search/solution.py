# ━━ 12 · Hyperparameter search — book §6.5 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
# The validation split of §6.5.1 and the log-scale sampler of §6.5.2–6.5.3.

def split_validation(x, t, validation_rate):
    """Shuffle x and t by one permutation; the first int(N·rate) rows are validation (§6.5.1)."""
    permutation = np.random.permutation(x.shape[0])
    x = x[permutation]
    t = t[permutation]

    validation_num = int(x.shape[0] * validation_rate)
    x_val = x[:validation_num]
    t_val = t[:validation_num]
    x_train = x[validation_num:]
    t_train = t[validation_num:]
    return x_train, t_train, x_val, t_val


def log_uniform(low, high):
    """10 ** U(low, high): the exponent is uniform, as in the book's search (§6.5.3)."""
    return 10 ** np.random.uniform(low, high)


def sample_hyperparameters(ranges):
    """The book's order: weight decay 10^U(−8, −4) first, then lr 10^U(−6, −2) (§6.5.3)."""
    weight_decay = log_uniform(*ranges['weight_decay'])
    lr = log_uniform(*ranges['lr'])
    return {'lr': lr, 'weight_decay': weight_decay}
