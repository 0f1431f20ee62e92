#!/usr/bin/python3
"""Plots of a `spikewafer train` run.

Reads DIR/training.csv (epoch, learning_rate, train_log_likelihood, test_log_likelihood,
test_accuracy, ..., log_z_err) and DIR/W.csv (inputs x hidden). Writes DIR/training.png: the
log-likelihoods per epoch (exact, or with log Z by AIS and its error as a band) and the test
accuracy (with
label units) with the pattern-completion scores (completion_accuracy, completion_pixel_error);
and, when the images are square (the first n x n inputs, the rest labels), DIR/filters.png: each
hidden unit's weights from the image as an n x n picture, and DIR/samples.png: the images of the
model phase's persistent chains (DIR/samples.csv), what the model generates. The log-likelihood
of the training images under the model phase's own samples (sampled_log_likelihood, up to 16
inputs) is drawn too: for LIF networks in the loop it is the measure that counts.

Usage: /usr/bin/python3 scripts/plots/plot_training.py DIR
"""
import math
import os
import sys

import numpy as np

import plot_common as pc

SCRIPT = "plot_training"


def plot_curves(directory):
    table = pc.read_table(os.path.join(directory, "training.csv"))
    if pc.row_count(table) == 0:
        pc.skip(SCRIPT, "training.png", "training.csv has no epochs yet")
        return
    fig, left = pc.plt.subplots(figsize=(7, 4.5))
    epoch = table["epoch"]
    markers = len(epoch) <= 50  # markers would hide the curves of long runs
    # log Z is exact where the smaller layer allowed it (log_z_err 0), else an AIS estimate
    # whose standard error the band shows.
    err = table.get("log_z_err")
    ais = err is not None and np.isfinite(err).any() and (np.nan_to_num(err) > 0).any()
    how = "AIS" if ais else "exact"
    for column, label, style in (
            ("train_log_likelihood", f"train ({how}, of the parameters)", "o-" if markers else "-"),
            ("test_log_likelihood", f"test ({how})", "s--" if markers else "--"),
            ("sampled_log_likelihood", "train, under the model phase's samples",
             "d:" if markers else ":")):
        if column in table and np.isfinite(table[column]).any():
            line, = left.plot(epoch, table[column], style, label=f"log-likelihood, {label}")
            if ais and column != "sampled_log_likelihood":
                left.fill_between(epoch, table[column] - err, table[column] + err,
                                  color=line.get_color(), alpha=0.25, linewidth=0)
    left.set_xlabel("epoch")
    left.set_ylabel("mean log-likelihood per image (nats)")
    fractions = [(column, label, style, colour) for column, label, style, colour in (
        ("test_accuracy", "test accuracy (exact, of the parameters)", "^-", "tab:green"),
        ("network_test_accuracy", "test accuracy of the LIF networks", "o-", "tab:cyan"),
        ("completion_accuracy", "class with half the image hidden", "v--", "tab:olive"),
        ("completion_pixel_error", "completed pixels wrong", "x:", "tab:red"))
        if column in table and np.isfinite(table[column]).any()]
    if fractions:
        right = left.twinx()
        for column, label, style, colour in fractions:
            right.plot(epoch, table[column], style if markers else style[1:], color=colour,
                       label=label)
        right.set_ylabel("fraction of the test images (pixels)")
        right.set_ylim(0, 1.02)
        right.legend(loc="lower right")
    if left.get_lines():
        left.legend(loc="upper left")
    else:
        left.set_yticks([])  # no log-likelihoods in the table
        left.set_ylabel("")
    left.set_title(os.path.basename(os.path.abspath(directory)) + ": training")
    pc.save_figure(fig, os.path.join(directory, "training.png"), SCRIPT)


def image_grid(images, side, title, path, **imshow):
    """Draws each row of `images` (its first side x side entries) as a picture in a grid."""
    count = images.shape[0]
    columns = int(math.ceil(math.sqrt(count)))
    rows = int(math.ceil(count / columns))
    fig, axes = pc.plt.subplots(rows, columns, figsize=(1.1 * columns, 1.1 * rows), squeeze=False)
    for k, ax in enumerate(axes.flat):
        ax.axis("off")
        if k < count:
            ax.imshow(images[k].reshape(side, side), **imshow)
    fig.suptitle(title)
    pc.save_figure(fig, path, SCRIPT)


def square_images(path, transpose=False):
    """The rows (columns with transpose) of a CSV matrix as images of side x side, the side of
    the largest square that fits in a row (labels come after the image); (None, 0) where the file
    is missing or holds no image."""
    if not os.path.exists(path):
        return None, 0
    images = np.loadtxt(path, delimiter=",", ndmin=2)
    if transpose:
        images = images.T
    side = int(math.isqrt(images.shape[1]))
    if side < 2 or images.shape[0] == 0:
        return None, 0
    return images[:, : side * side], side


def plot_filters(directory):
    weights, side = square_images(os.path.join(directory, "W.csv"), transpose=True)
    if weights is None:
        return
    # Each unit on its own scale, white at 0 (red drives, blue inhibits): on one scale the
    # few strongest units wash the others out.
    largest = np.abs(weights).max(axis=1, keepdims=True)
    weights = weights / np.where(largest > 0, largest, 1.0)
    image_grid(weights, side, "weights from the image to each hidden unit (each to its largest)",
               os.path.join(directory, "filters.png"), cmap="RdBu_r", vmin=-1, vmax=1)


def plot_samples(directory):
    images, side = square_images(os.path.join(directory, "samples.csv"))
    if images is None:
        return
    image_grid(images[:64], side, "generated: the model phase's chains after the last epoch",
               os.path.join(directory, "samples.png"), cmap="gray_r", vmin=0, vmax=1)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    directory = sys.argv[1]
    if not os.path.exists(os.path.join(directory, "training.csv")):
        print(f"{SCRIPT}: no training.csv in {directory}", file=sys.stderr)
        sys.exit(2)
    plot_curves(directory)
    plot_filters(directory)
    plot_samples(directory)


if __name__ == "__main__":
    main()
