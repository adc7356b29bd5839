# ━━ 12 · Hyperparameter search — book §6.5 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
# Three pieces of the book's random search (§6.5.1 validation data, §6.5.2–6.5.3 the search).

def split_validation(x, t, validation_rate):
    """Tune on validation data, never on test data (§6.5.1). Shuffle x and t with the SAME
    permutation (the book's shuffle_dataset), then split off the first int(N · validation_rate)
    rows as validation data:

        permutation = np.random.permutation(N)
        validation = rows permutation[:□],  training = rows permutation[□:]

    Returns x_train, t_train, x_val, t_val.
    """
    # TODO(§6.5.1): shuffle with np.random.permutation, validation_num = □, then slice.
    return x, t, x[:0], t[:0]


def log_uniform(low, high):
    """A number whose base-10 logarithm is uniform in [low, high) (§6.5.2–6.5.3): a learning rate
    is as likely to be in [1e-6, 1e-5) as in [1e-3, 1e-2). The book: 10 ** np.random.uniform(-6, -2).

        log_uniform(low, high) = □ ** np.random.uniform(low, high)      (one draw)
    """
    # TODO(§6.5.2): one np.random.uniform(low, high), then the power.
    return low


def sample_hyperparameters(ranges):
    """One trial's hyperparameters, {'lr': …, 'weight_decay': …}: the weight decay first, on
    ranges['weight_decay'], then lr on ranges['lr'] (the book's order), each with log_uniform."""
    # TODO(§6.5.3): two log_uniform draws, weight decay first.
    return {'lr': ranges['lr'][0], 'weight_decay': ranges['weight_decay'][0]}
