    # ━━ 09 · BatchNorm backward — book §6.3.1 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
    def backward(self, dout):
        """Backward through the computation graph of Figure 6-17 (§6.3.1). Given dout = ∂L/∂y
        (N×D), set self.dbeta = ∂L/∂β and self.dgamma = ∂L/∂γ (D,) and return dx = ∂L/∂x (N×D).
        Walk the forward graph backwards, one node at a time (sums over the rows, axis=0):

            dβ   = Σ dout                      dγ = Σ □ * dout
            dx̂   = γ * dout
            dxc  = dx̂ / std                    (xc = x − μ,  x̂ = xc / std)
            dstd = −Σ (dx̂ * xc) / □            (std = √(σ² + ε))
            dvar = 0.5 * dstd / □              (σ² = mean of xc²)
            dxc += (2 / N) * xc * dvar
            dμ   = Σ dxc                       (xc = x − μ, and μ = mean of x)
            dx   = dxc − □ / N

        Your forward (exercise 08) kept what you need: self.batch_size (N), self.xc, self.xn
        (x̂) and self.std.
        """
        # TODO(§6.3.1): dβ, dγ, then dx through x̂, std, σ², μ as above.
        return np.zeros_like(dout)

