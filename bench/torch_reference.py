"""PyTorch reference for `npm run bench:train`: the same architecture as src/ml/model/build.ts
(spec passed as JSON), trained on the same decoded FER2013 images (written by bench/train.ts),
same batch size and optimizer, with a fixed number of threads. Prints one `RESULT {json}` line.

Run by bench/train.ts; by hand: python3 bench/torch_reference.py --images-file F --spec JSON
"""
import argparse
import json
import resource
import struct
import time

import numpy as np
import torch
from torch import nn


def build(spec, num_classes=7, size=48):
    """vgg: blocks of 3x3 convs (conv -> BN -> ReLU), 2x2 max-pool, dropout; dense; classifier.
    reference: the Keras reference CNN (valid convs 32, 64, pool, 128, pool, 128, pool, dense 1024).
    Keras BatchNormalization momentum 0.9 / epsilon 1e-3 = PyTorch momentum 0.1 / eps 1e-3."""
    layers = []
    channels = 1
    if spec["architecture"] == "reference":
        def conv(c_out):
            nonlocal channels, size
            layers.extend([nn.Conv2d(channels, c_out, 3), nn.ReLU()])
            channels, size = c_out, size - 2
        def pool():
            nonlocal size
            layers.append(nn.MaxPool2d(2))
            size //= 2
        conv(32); conv(64); pool(); layers.append(nn.Dropout(0.25))
        conv(128); pool(); conv(128); pool(); layers.append(nn.Dropout(0.25))
        layers.extend([nn.Flatten(), nn.Linear(channels * size * size, 1024), nn.ReLU(), nn.Dropout(0.5),
                       nn.Linear(1024, num_classes)])
        return nn.Sequential(*layers)
    first = True
    for filters in spec["filters"]:
        for _ in range(spec["convs_per_block"]):
            stride = spec["stem_stride"] if first else 1
            first = False
            bn = spec["batch_norm"]
            layers.append(nn.Conv2d(channels, filters, 3, stride=stride, padding=1, bias=not bn))
            if bn:
                layers.append(nn.BatchNorm2d(filters, momentum=0.1, eps=1e-3))
            layers.append(nn.ReLU())
            channels = filters
            size = (size + stride - 1) // stride
        layers.append(nn.MaxPool2d(2))
        size //= 2
        if spec["dropout_conv"] > 0:
            layers.append(nn.Dropout(spec["dropout_conv"]))
    layers.append(nn.Flatten())
    features = channels * size * size
    for units in spec["dense_units"]:
        bn = spec["batch_norm"]
        layers.append(nn.Linear(features, units, bias=not bn))
        if bn:
            layers.append(nn.BatchNorm1d(units, momentum=0.1, eps=1e-3))
        layers.append(nn.ReLU())
        if spec["dropout_dense"] > 0:
            layers.append(nn.Dropout(spec["dropout_dense"]))
        features = units
    layers.append(nn.Linear(features, num_classes))
    return nn.Sequential(*layers)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--images-file", required=True)
    p.add_argument("--spec", required=True)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--lr", type=float, default=0.001)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    raw = open(a.images_file, "rb").read()
    (count,) = struct.unpack_from("<I", raw, 0)
    labels = torch.from_numpy(np.frombuffer(raw, np.uint8, count, 4).astype(np.int64))
    pixels = torch.from_numpy(np.frombuffer(raw, np.uint8, count * 48 * 48, 4 + count).astype(np.float32) / 255)
    images = pixels.reshape(count, 1, 48, 48)
    model = build(json.loads(a.spec))
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    loss_fn = nn.CrossEntropyLoss()

    def step(i):
        start = (i * a.batch) % max(1, count - a.batch)
        x, y = images[start:start + a.batch], labels[start:start + a.batch]
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    model.train()
    step(0)  # warm-up
    c0, t0 = time.process_time(), time.perf_counter()
    for i in range(1, a.steps + 1):
        loss = step(i)
    train_sec, train_cpu = time.perf_counter() - t0, time.process_time() - c0
    model.eval()
    x = images[:256]
    with torch.no_grad():
        model(x)
        p0 = time.perf_counter()
        for _ in range(4):
            model(x)
        predict_sec = time.perf_counter() - p0
    print("RESULT " + json.dumps({
        "version": torch.__version__,
        "threads": torch.get_num_threads(),
        "trainImagesPerSec": a.steps * a.batch / train_sec,
        "trainImagesPerCpuSec": a.steps * a.batch / train_cpu,
        "predictImagesPerSec": 4 * 256 / predict_sec,
        "peakRssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "finalLoss": loss,
    }))


if __name__ == "__main__":
    main()
