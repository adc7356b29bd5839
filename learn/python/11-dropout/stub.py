# ━━ 11 · Dropout — book §6.4.3 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
class Dropout:
    """Dropout (§6.4.3). In training, switch off a random part of the units on every forward
    pass; at test time use them all, scaled so that the output matches training on average.
    The book's version (not the "inverted" one frameworks use):

        training:  self.mask = np.random.rand(*x.shape) > □      y = x * self.mask (no rescaling)
        backward:  dx = dout * □
        test:      y = x * □

    A fresh mask on every training forward; test mode draws nothing.
    """

    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None

    def forward(self, x, train_flg=True):
        # TODO(§6.4.3): training: a new mask, y = x * mask; test: y = x * □.
        return x

    def backward(self, dout):
        # TODO(§6.4.3): dx = dout * □.
        return dout
