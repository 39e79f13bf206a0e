"""The same autoencoders (dense A and B, the Keras blog's convolutional one, the Keras example's VAE) trained by Keras 3 (tensorflow-cpu) and PyTorch, for `python3 kit.py bench --peers`.

Runs inside the benchmark-only environment target/bench-venv/ (never the kit's .venv/). Reads the exact arrays the
Java side trained on (target/bench-data/train.npy, test.npy: float32 [N, 784] in [0, 1]) and appends one CSV row
per (implementation, model, seed) to the results file, in the columns Bench.java writes.

    python bench/peers.py IMPLEMENTATION RESULTS.csv EPOCHS MODEL SEED [THREADS]

IMPLEMENTATION, for the dense models A and B, as each kind of user writes it:
    keras          the seeds' code: Sequential Dense layers, compile("adam", "binary_crossentropy"), fit(x, x)
    keras-xla      the same compiled with XLA (jit_compile=True)
    torch          a beginner's loop: nn.Sigmoid + nn.BCELoss, Adam as it comes
    torch-fused    an expert's loop: logits + nn.BCEWithLogitsLoss, Adam(fused=True)
    torch-compile  the expert's loop under torch.compile
(the convolutional and the variational model: keras and torch only, both already written the expert's way).
THREADS: the peer's intra-op threads (default: its own choice); the bench runs each peer at one thread and at every
core and reports both, so that each is compared at its best.
One model, one seed and one setting per process, so that the peak RSS it reports belongs to that run alone.
"""
import os
import platform
import resource
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "target", "bench-data")

# model A and the seeds' own model B (seed 001 §5.2): hidden widths of the encoder, mirrored by the decoder;
# model conv: the Keras blog's convolutional autoencoder (Bench.java's multiplyAdds counts its work)
MODELS = {"A": [128, 32], "B": [64, 32, 16]}
CONV_MULTIPLY_ADDS = 112_896 + 225_792 + 28_224 + 9_216 + 36_864 + 225_792 + 112_896
# model vae: the Keras example's variational autoencoder, 784 → 512 → (μ, log σ²) in 2-D → z → 512 → 784
VAE_HIDDEN, VAE_LATENT = 512, 2
VAE_MULTIPLY_ADDS = 784 * 512 + 512 * 2 * 2 + 2 * 512 + 512 * 784


def batch_size(model):
    return 128 if model in ("conv", "vae") else 256


def widths(model):
    enc = MODELS[model]
    return [784] + enc + enc[-2::-1] + [784]


def multiply_adds(model):
    """Per image in the forward pass: the weights of a dense model (Bench.java's multiplyAdds)."""
    if model == "conv":
        return CONV_MULTIPLY_ADDS
    if model == "vae":
        return VAE_MULTIPLY_ADDS
    w = widths(model)
    return sum(a * b for a, b in zip(w, w[1:]))


def peak_rss_mb():
    # ru_maxrss is KiB on Linux and bytes on macOS
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 / 1024 if platform.system() == "Darwin" else r / 1024


def negative_elbo(x, mu, log_var, decode, seed=1):
    """Σ_pixels BCE(decoder(μ + σ·ε), x) + KL(N(μ, σ²) ‖ N(0, I)) per image, averaged: one ε per image (aekit's negativeElbo)."""
    eps = np.random.default_rng(seed).standard_normal(mu.shape).astype(np.float32)
    p = np.clip(decode(mu + np.exp(0.5 * log_var) * eps), 1e-7, 1 - 1e-7)
    bce = -(x * np.log(p) + (1 - x) * np.log(1 - p)).sum(axis=1)
    kl = -0.5 * (1 + log_var - mu ** 2 - np.exp(log_var)).sum(axis=1)
    return float((bce + kl).mean())


def keras_vae_run(keras, layers, x, x_test, epochs):
    """The Keras example's VAE (keras.io, "Variational AutoEncoder"), written the Keras 3 way: a Sampling layer that
    adds the KL term with add_loss, and 784 × binary cross-entropy as the compiled loss."""
    import tensorflow as tf

    class Sampling(layers.Layer):
        def __init__(self):
            super().__init__()
            self.seeds = keras.random.SeedGenerator(1337)

        def call(self, mu, log_var):
            kl = -0.5 * keras.ops.mean(keras.ops.sum(1 + log_var - keras.ops.square(mu) - keras.ops.exp(log_var), axis=1))
            self.add_loss(kl)
            eps = keras.random.normal(keras.ops.shape(mu), seed=self.seeds)
            return mu + keras.ops.exp(0.5 * log_var) * eps

    inputs = keras.Input(shape=(784,))
    h = layers.Dense(VAE_HIDDEN, activation="relu")(inputs)
    mu, log_var = layers.Dense(VAE_LATENT)(h), layers.Dense(VAE_LATENT)(h)
    encoder = keras.Model(inputs, [mu, log_var])
    decoder = keras.Sequential([keras.Input(shape=(VAE_LATENT,)), layers.Dense(VAE_HIDDEN, activation="relu"),
                                layers.Dense(784, activation="sigmoid")])
    z = Sampling()(mu, log_var)
    vae = keras.Model(inputs, decoder(z))
    vae.compile(optimizer=keras.optimizers.Adam(1e-3), loss=lambda t, p: 784 * keras.losses.binary_crossentropy(t, p))
    times = keras_fit(keras, vae, x, epochs, batch_size("vae"))
    m, lv = encoder.predict(x_test, batch_size=4096, verbose=0)
    test = negative_elbo(x_test, m, lv, lambda zz: decoder.predict(zz, batch_size=4096, verbose=0))
    return times, test, f"keras {keras.__version__} + tensorflow-cpu {tf.__version__} (add_loss KL + 784 × BCE)"


def keras_fit(keras, model, x, epochs, batch):
    """model.fit(x, x) with each epoch's seconds."""
    class Clock(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            times.append(time.perf_counter() - self.start)

    times = []
    model.fit(x, x, epochs=epochs, batch_size=batch, shuffle=True, verbose=0, callbacks=[Clock()])
    return times


def keras_run(model_name, x, x_test, epochs, seed, xla=None):
    import keras
    from keras import layers

    keras.utils.set_random_seed(seed)
    if model_name == "vae":
        return keras_vae_run(keras, layers, x, x_test, epochs)
    if model_name == "conv":
        model = keras_blog_conv(keras, layers)
        x, x_test = x.reshape(-1, 28, 28, 1), x_test.reshape(-1, 28, 28, 1)
    else:
        w = widths(model_name)
        # the seed's code path: Sequential Dense layers, compile(adam, binary_crossentropy), fit(x, x)
        model = keras.Sequential([keras.Input(shape=(784,))]
                                 + [layers.Dense(n, activation="relu") for n in w[1:-1]]
                                 + [layers.Dense(784, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy", **({} if xla is None else {"jit_compile": xla}))
    times = keras_fit(keras, model, x, epochs, batch_size(model_name))
    test_loss = float(model.evaluate(x_test, x_test, batch_size=4096, verbose=0))
    how = "" if xla is None else "; jit_compile=True (XLA)"
    return times, test_loss, f"keras {keras.__version__} + tensorflow-cpu {__import__('tensorflow').__version__}{how}"


def keras_blog_conv(keras, layers):
    """The blog's convolutional autoencoder, layer for layer (channels-last, TensorFlow's CPU layout)."""
    def conv(n, padding="same", activation="relu"):
        return layers.Conv2D(n, (3, 3), activation=activation, padding=padding)
    return keras.Sequential([keras.Input(shape=(28, 28, 1)),
                             conv(16), layers.MaxPooling2D((2, 2), padding="same"),
                             conv(8), layers.MaxPooling2D((2, 2), padding="same"),
                             conv(8), layers.MaxPooling2D((2, 2), padding="same"),          # 4×4×8 = 128 numbers
                             conv(8), layers.UpSampling2D((2, 2)),
                             conv(8), layers.UpSampling2D((2, 2)),
                             conv(16, padding="valid"), layers.UpSampling2D((2, 2)),
                             conv(1, activation="sigmoid")])


def torch_adam(params):
    """Adam as a speed-minded PyTorch user writes it: fused where this build has it (Keras's epsilon)."""
    import torch

    try:
        return torch.optim.Adam(params, lr=1e-3, eps=1e-7, fused=True), "fused Adam"
    except (RuntimeError, TypeError, ValueError):
        return torch.optim.Adam(params, lr=1e-3, eps=1e-7, foreach=True), "foreach Adam"


def torch_vae_run(x, x_test, epochs, seed):
    """The same VAE in PyTorch: logits + BCEWithLogitsLoss(sum) / N + KL, fused Adam."""
    import torch
    from torch import nn

    torch.manual_seed(seed)

    class VAE(nn.Module):
        def __init__(self):
            super().__init__()
            self.hidden = nn.Sequential(nn.Linear(784, VAE_HIDDEN), nn.ReLU())
            self.mu, self.log_var = nn.Linear(VAE_HIDDEN, VAE_LATENT), nn.Linear(VAE_HIDDEN, VAE_LATENT)
            self.decoder = nn.Sequential(nn.Linear(VAE_LATENT, VAE_HIDDEN), nn.ReLU(), nn.Linear(VAE_HIDDEN, 784))   # logits

        def forward(self, x):
            h = self.hidden(x)
            mu, log_var = self.mu(h), self.log_var(h)
            z = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)
            return self.decoder(z), mu, log_var

    model = VAE()
    opt, fused = torch_adam(model.parameters())
    bce = nn.BCEWithLogitsLoss(reduction="sum")

    def loss_fn(out, rows):
        logits, mu, log_var = out
        kl = -0.5 * torch.sum(1 + log_var - mu.pow(2) - log_var.exp())
        return (bce(logits, rows) + kl) / len(rows)

    times = torch_epochs(model, opt, loss_fn, torch.from_numpy(x), epochs, batch_size("vae"))
    with torch.no_grad():
        h = model.hidden(torch.from_numpy(x_test))
        mu, lv = model.mu(h).numpy(), model.log_var(h).numpy()
        test = negative_elbo(x_test, mu, lv, lambda zz: torch.sigmoid(model.decoder(torch.from_numpy(zz))).numpy())
    return times, test, f"torch {torch.__version__} ({torch.get_num_threads()} threads; BCEWithLogitsLoss + {fused})"


def torch_epochs(model, opt, loss_fn, xt, epochs, batch):
    """The usual PyTorch loop, shuffled mini-batches; returns each epoch's seconds."""
    import torch

    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(len(xt))
        for i in range(0, len(xt), batch):
            rows = xt[order[i:i + batch]]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(rows), rows)
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - start)
    return times


def torch_conv_run(x, x_test, epochs, seed):
    """The same convolutional model as a PyTorch expert writes it: logits + BCEWithLogitsLoss, fused Adam."""
    import torch
    from torch import nn

    torch.manual_seed(seed)

    def conv(a, b, padding=1):
        return nn.Conv2d(a, b, 3, padding=padding)
    model = nn.Sequential(conv(1, 16), nn.ReLU(), nn.MaxPool2d(2), conv(16, 8), nn.ReLU(), nn.MaxPool2d(2),
                          conv(8, 8), nn.ReLU(), nn.MaxPool2d(2, ceil_mode=True),        # 7×7 → 4×4 like Keras's 'same'
                          conv(8, 8), nn.ReLU(), nn.Upsample(scale_factor=2), conv(8, 8), nn.ReLU(), nn.Upsample(scale_factor=2),
                          conv(8, 16, padding=0), nn.ReLU(), nn.Upsample(scale_factor=2), conv(16, 1))
    opt, fused = torch_adam(model.parameters())
    loss_fn = nn.BCEWithLogitsLoss()
    times = torch_epochs(model, opt, loss_fn, torch.from_numpy(x).reshape(-1, 1, 28, 28), epochs, batch_size("conv"))
    with torch.no_grad():
        xs = torch.from_numpy(x_test).reshape(-1, 1, 28, 28)
        test_loss = float(loss_fn(model(xs), xs))
    return times, test_loss, f"torch {torch.__version__} ({torch.get_num_threads()} threads; BCEWithLogitsLoss + {fused})"


def torch_expert_run(model_name, x, x_test, epochs, seed, compiled):
    """Models A and B as a PyTorch expert writes them: the decoder ends in logits, nn.BCEWithLogitsLoss (sigmoid and
    loss fused, as aekit's trainer does), Adam(fused=True); with `compiled`, the model under torch.compile."""
    import torch
    from torch import nn

    torch.manual_seed(seed)
    w = widths(model_name)
    blocks = []
    for a, b in zip(w[:-2], w[1:-1]):
        blocks += [nn.Linear(a, b), nn.ReLU()]
    model = nn.Sequential(*blocks, nn.Linear(w[-2], 784))   # logits
    opt, fused = torch_adam(model.parameters())
    loss_fn = nn.BCEWithLogitsLoss()
    trained = torch.compile(model) if compiled else model
    times = torch_epochs(trained, opt, loss_fn, torch.from_numpy(x), epochs, batch_size(model_name))
    with torch.no_grad():
        xs = torch.from_numpy(x_test)
        test_loss = float(loss_fn(model(xs), xs))
    how = "torch.compile + " if compiled else ""
    return times, test_loss, f"torch {torch.__version__} ({torch.get_num_threads()} threads; {how}BCEWithLogitsLoss + {fused})"


def torch_run(model_name, x, x_test, epochs, seed):
    import torch
    from torch import nn

    if model_name == "conv":
        return torch_conv_run(x, x_test, epochs, seed)
    if model_name == "vae":
        return torch_vae_run(x, x_test, epochs, seed)
    torch.manual_seed(seed)
    w = widths(model_name)
    blocks = []
    for a, b in zip(w[:-2], w[1:-1]):
        blocks += [nn.Linear(a, b), nn.ReLU()]
    model = nn.Sequential(*blocks, nn.Linear(w[-2], 784), nn.Sigmoid())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)   # Keras's epsilon
    loss_fn = nn.BCELoss()
    times = torch_epochs(model, opt, loss_fn, torch.from_numpy(x), epochs, batch_size(model_name))
    with torch.no_grad():
        xs = torch.from_numpy(x_test)
        test_loss = float(loss_fn(model(xs), xs))
    return times, test_loss, f"torch {torch.__version__} ({torch.get_num_threads()} threads)"


RUNS = {
    "keras": keras_run,
    "keras-xla": lambda *a: keras_run(*a, xla=True),
    "torch": torch_run,
    "torch-fused": lambda *a: torch_expert_run(*a, compiled=False),
    "torch-compile": lambda *a: torch_expert_run(*a, compiled=True),
}


def set_threads(impl, threads):
    """The peer's intra-op thread count, set the way its users set it, before any work starts."""
    if impl.startswith("torch"):
        import torch
        torch.set_num_threads(threads)
    else:
        import tensorflow as tf
        tf.config.threading.set_intra_op_parallelism_threads(threads)
        tf.config.threading.set_inter_op_parallelism_threads(threads)


def main():
    impl, results, epochs, model_name, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
    threads = int(sys.argv[6]) if len(sys.argv) > 6 else None
    if impl not in RUNS:
        sys.exit(f"unknown implementation {impl!r}: one of {', '.join(RUNS)}")
    if threads:
        set_threads(impl, threads)
    x = np.load(os.path.join(DATA, "train.npy"))
    x_test = np.load(os.path.join(DATA, "test.npy"))
    times, test_loss, version = RUNS[impl](model_name, x, x_test, epochs, seed)
    if threads:
        impl = f"{impl} {threads}t"   # each thread setting is its own row; the report compares each peer at its best
    after_warmup = sorted(times[1:])   # the first epoch is warm-up (graph tracing, allocation)
    median = after_warmup[len(after_warmup) // 2]
    gflop = 6.0 * len(x) * multiply_adds(model_name) / 1e9   # forward 2·N·W + backward 4·N·W flops
    row = [impl, model_name, seed, len(x), epochs, f"{median:.4f}", f"{after_warmup[0]:.4f}", f"{after_warmup[-1]:.4f}",
           f"{gflop / median:.2f}", f"{test_loss:.5f}", f"{peak_rss_mb():.0f}", version, " ".join(f"{t:.4f}" for t in times)]
    with open(results, "a") as out:
        out.write(",".join(str(v) for v in row) + "\n")
    print(f"{impl} model {model_name} seed {seed}: {median:.3f} s/epoch, test loss {test_loss:.4f}", flush=True)


if __name__ == "__main__":
    main()
