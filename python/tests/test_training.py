"""RBM training from Python (sw.train): the same library call and files as `spikewafer train`,
with images and labels as numpy arrays. 3x3 bars and stripes (14 images of 9 pixels) with
Gibbs chains: small enough that the log-likelihood is exact and a run takes well under a
second of computing (most of its time is the durable per-epoch writes)."""

import numpy as np
import pytest

import spikewafer as sw

RBM = """
[rbm]
hidden = 8
labels = 2
weight_std = 0.1
[training]
epochs = {epochs}
batch_size = 1
learning_rate = 0.05
momentum = 0.5
chains = 32
seed = {seed}
"""


def bars_and_stripes(side=3):
    """Every bars-and-stripes image of a side x side square in the library's order (bars: row k
    on where bit k of the mask is set; then stripes, columns; the all-off and all-on images once,
    as bars), labelled 0 for bars and 1 for stripes."""
    images, labels, seen = [], [], set()
    for stripes in (0, 1):
        for mask in range(1 << side):
            on = np.array([(mask >> k) & 1 for k in range(side)], dtype=np.uint8)
            image = np.tile(on, (side, 1)) if stripes else np.tile(on[:, None], (1, side))
            if image.tobytes() in seen:
                continue
            seen.add(image.tobytes())
            images.append(image.ravel())
            labels.append(stripes)
    return np.array(images, dtype=np.uint8), np.array(labels)


X, Y = bars_and_stripes()


def test_training_from_arrays_raises_the_log_likelihood(tmp_path):
    assert X.shape == (14, 9)
    lines = []
    r = sw.train(RBM.format(epochs=150, seed=3), tmp_path / "rbm", train=X, train_labels=Y,
                 test=X, test_labels=Y, threads=1, progress=lines.append)
    table = r["training"]
    assert list(table)[:5] == ["epoch", "learning_rate", "train_log_likelihood",
                               "test_log_likelihood", "test_accuracy"]
    assert table["epoch"].tolist() == list(range(1, 151))
    ll = table["train_log_likelihood"]
    # Exact log p(image, label): log 2^-10 = -6.93 and below untrained (measured -7.62), the
    # optimum log(1/14) = -2.64. Measured after 150 epochs: -4.24, rising all the way (epochs
    # 1-50, 51-100, 101-150 average -7.38, -5.85, -4.73).
    assert ll[0] < -7.0
    assert ll[:50].mean() < ll[50:100].mean() < ll[100:].mean()
    assert ll[-1] > -4.6
    assert table["test_accuracy"][-1] >= 0.9  # measured 1.0
    assert np.isnan(table["network_test_accuracy"]).all()  # Gibbs chains: no networks
    assert any("epoch 150 of 150" in line for line in lines)

    # W: (visible + labels) x hidden; the files in out_dir are the returned arrays.
    assert r["W"].shape == (9 + 2, 8) and r["W"].dtype == np.float64
    assert r["b"].shape == (11,) and r["c"].shape == (8,)
    out = tmp_path / "rbm"
    assert r["out_dir"] == str(out)
    np.testing.assert_array_equal(np.loadtxt(out / "W.csv", delimiter=","), r["W"])
    np.testing.assert_array_equal(np.loadtxt(out / "b.csv", delimiter=","), r["b"])
    np.testing.assert_array_equal(np.loadtxt(out / "c.csv", delimiter=","), r["c"])
    assert r["samples"].shape == (32, 9) and r["samples"].dtype == np.uint8
    np.testing.assert_array_equal(np.loadtxt(out / "samples.csv", delimiter=","), r["samples"])
    assert set(np.unique(r["samples"])) <= {0, 1}
    csv = np.genfromtxt(out / "training.csv", delimiter=",", names=True)
    np.testing.assert_array_equal(csv["train_log_likelihood"], ll)

    # A finished run resumes to the same weights; a fresh run into the folder is refused, and
    # so is a resume with other images.
    again = sw.train(RBM.format(epochs=150, seed=3), out, train=X, train_labels=Y, test=X,
                     test_labels=Y, resume=True)
    np.testing.assert_array_equal(again["W"], r["W"])
    np.testing.assert_array_equal(again["training"]["train_log_likelihood"], ll)
    with pytest.raises(ValueError, match="resume"):
        sw.train(RBM.format(epochs=150, seed=3), out, train=X, train_labels=Y)
    with pytest.raises(ValueError, match="settings differ"):
        sw.train(RBM.format(epochs=150, seed=3), out, train=X[::-1], train_labels=Y[::-1],
                 test=X, test_labels=Y, resume=True)


def test_same_seed_same_weights_and_arrays_equal_the_files_data(tmp_path):
    config = RBM.format(epochs=10, seed=5)
    a = sw.train(config, train=X, train_labels=Y, threads=1)
    b = sw.train(config, train=X, train_labels=Y, threads=2)
    np.testing.assert_array_equal(a["W"], b["W"])
    assert a["out_dir"] is None  # a temporary folder, removed
    # Grey levels are binarised at 0.5 as the command's files are; bool arrays are fine.
    grey = sw.train(config, train=X * 0.8 + 0.1, train_labels=Y.astype(float))
    np.testing.assert_array_equal(grey["W"], a["W"])
    flags = sw.train(config, train=X.astype(bool), train_labels=Y)
    np.testing.assert_array_equal(flags["W"], a["W"])
    other = sw.train(RBM.format(epochs=10, seed=6), train=X, train_labels=Y)
    assert not np.array_equal(other["W"], a["W"])
    # The file's own bars and stripes (the command's data) give the same run as the arrays;
    # given arrays, the file's [data] is not read.
    generated = config + '[data]\ngenerate = "bars_and_stripes"\nside = 3\n'
    path = tmp_path / "rbm.toml"
    path.write_text(generated)
    from_file = sw.train(path)
    from_arrays = sw.train(config, train=X, train_labels=Y, test=X, test_labels=Y)
    np.testing.assert_array_equal(from_file["W"], from_arrays["W"])
    np.testing.assert_array_equal(from_file["training"]["test_log_likelihood"],
                                  from_arrays["training"]["test_log_likelihood"])
    missing = config + '[data]\ntrain = "no-such-images.csv"\n'
    np.testing.assert_array_equal(sw.train(missing, train=X, train_labels=Y)["W"], a["W"])


def test_bad_arrays_name_the_argument():
    config = RBM.format(epochs=2, seed=1)
    with pytest.raises(ValueError, match=r"train_labels: .*shape \(14,\); got shape \(13,\)"):
        sw.train(config, train=X, train_labels=Y[:13])
    with pytest.raises(ValueError, match=r"test_labels: .*shape \(14,\)"):
        sw.train(config, train=X, train_labels=Y, test=X, test_labels=Y[:3])
    with pytest.raises(ValueError, match="train_labels: the RBM has 2 label units"):
        sw.train(config, train=X)
    with pytest.raises(ValueError, match=r"train_labels\[0\] = 2.0: labels are whole numbers 0 to"):
        sw.train(config, train=X, train_labels=Y + 2)
    with pytest.raises(ValueError, match=r"train\[1, 0\] = 255.0: pixels must lie in \[0, 1\]"):
        sw.train(config, train=X * 255, train_labels=Y)  # image 0 is all off
    with pytest.raises(ValueError, match=r"test\[0, 0\] = nan: pixels must lie in \[0, 1\]"):
        sw.train(config, train=X, train_labels=Y, test=np.full((2, 9), np.nan), test_labels=[0, 1])
    with pytest.raises(ValueError, match=r"train: expected a 2-D array of shape \(images, vis"):
        sw.train(config, train=X.ravel(), train_labels=Y)
    with pytest.raises(ValueError, match=r"test: images of 8 pixels .*shape \(images, 9\)"):
        sw.train(config, train=X, train_labels=Y, test=X[:, :8], test_labels=Y)
    with pytest.raises(ValueError, match="test given without train"):
        sw.train(config, test=X, test_labels=Y)
    with pytest.raises(ValueError, match="rbm.labels = 0"):
        sw.train(config.replace("labels = 2", "labels = 0"), train=X, train_labels=Y)


def test_config_errors_are_the_engines():
    # Input errors of the file are spikewafer::Error (kInput): ValueError with the position.
    bad = RBM.format(epochs=2, seed=1).replace("learning_rate = 0.05", "learning_rate = 0")
    with pytest.raises(ValueError, match=r"<string>:\d+:\d+.*learning_rate"):
        sw.train(bad, train=X, train_labels=Y)
    with pytest.raises(ValueError, match=r"missing \[data\]"):
        sw.train(RBM.format(epochs=2, seed=1))
    with pytest.raises(ValueError, match="batch_size = 20 exceeds the 14 training images"):
        sw.train(RBM.format(epochs=2, seed=1).replace("batch_size = 1", "batch_size = 20"),
                 train=X, train_labels=Y)
    with pytest.raises(ValueError, match="threads"):
        sw.train(RBM.format(epochs=2, seed=1), train=X, train_labels=Y, threads=-1)
