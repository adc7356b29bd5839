# ━━ 08 · BatchNorm forward — book §6.3.1 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
class BatchNormalization:
    """Batch Normalization (§6.3.1). Normalise every feature (column) of the mini-batch x
    (N rows × D columns) to mean 0 and variance 1, then let the network rescale and shift it
    with its own gamma and beta. Per column, over the N rows (axis=0):

        μ  = mean of the column
        σ² = mean of (x − μ)²                  (divide by N, as np.var does)
        x̂  = (x − □) / √(□ + ε)                ε = 10e-7 as the book writes it, i.e. 1e-6
        y  = □ · x̂ + □

    For test time keep running statistics (momentum m = self.momentum, both start at 0):

        running_mean ← m · running_mean + (1 − m) · □        running_var likewise, with □

    forward(x, train_flg=False) normalises with running_mean and running_var instead, and does
    not change them. In training keep, as the book does, what backward needs (exercise 09):
    self.batch_size = N, self.xc = x − μ, self.xn = x̂ (N×D) and self.std = √(σ² + ε) (D,).
    """

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.running_mean = running_mean  # test-time statistics, zeros on the first forward
        self.running_var = running_var
        # what forward keeps for backward (the book's names)
        self.batch_size = None
        self.xc = None
        self.xn = None
        self.std = None
        # what backward sets (exercise 09)
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        if self.running_mean is None:
            N, D = x.shape
            self.running_mean = np.zeros(D)
            self.running_var = np.zeros(D)

        # TODO(§6.3.1): in training, μ and σ² of each column, x̂ and y; update the running
        #   statistics; keep batch_size, xc, xn, std. In test mode use the running statistics.
        return x

