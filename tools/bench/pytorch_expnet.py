#!/usr/bin/env python3
"""The ExpNet training step of `fn2en bench` in PyTorch, for comparison on the same machine.

Same network as lib/FaceNet2ExpNet/Networks/ExpNet.cs at 224 px, width 1: five 3x3 convolutions (64-128-256-512-512),
each with ReLU and a 3x3 stride-2 max pool (ceil mode), the 1x1 bridge to VGG-16's pool5 (512x7x7), FC-256, ReLU,
dropout 0.5, the 8-way classifier; cross-entropy, SGD with momentum 0.9 on fp32 weights, batch 16.

Formats, as the bench's (`--format`, comma-separated, each run in turn with a fresh network):
  fp32                 fp32, NCHW
  fp32_channels_last   fp32, model and input in torch.channels_last
  bf16                 forward + loss under torch.autocast("cpu", dtype=torch.bfloat16), NCHW; backward outside
  bf16_channels_last   both
Prints one JSON line per format: {"format": ..., "train_img_s": ..., "torch": ..., "threads": ...}. Each figure is the
best of --reps timed steps after one warm-up step (other processes on a shared machine only ever add time).

Needs PyTorch: on Debian `sudo apt-get install python3-torch`, then run with /usr/bin/python3.
"""
import argparse
import json
import os
import time

import torch
import torch.nn as nn

FORMATS = ("fp32", "fp32_channels_last", "bf16", "bf16_channels_last")


def expnet(classes=8):
    layers, c = [], 3
    for out in (64, 128, 256, 512, 512):
        layers += [nn.Conv2d(c, out, 3, padding=1), nn.ReLU(inplace=False), nn.MaxPool2d(3, 2, ceil_mode=True)]
        c = out
    layers += [nn.Conv2d(c, 512, 1), nn.Flatten(), nn.Linear(512 * 7 * 7, 256), nn.ReLU(), nn.Dropout(0.5), nn.Linear(256, classes)]
    return nn.Sequential(*layers)


def formats(text):
    chosen = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"unknown format(s) {unknown or text!r}; use a comma-separated list of {', '.join(FORMATS)}")
    return chosen


def train_img_s(fmt, batch, reps):
    """Images per second of the fastest of `reps` training steps in format `fmt`, after one warm-up step."""
    torch.manual_seed(1)
    net = expnet()
    images = torch.randn(batch, 3, 224, 224)
    labels = torch.arange(batch) % 8
    if fmt.endswith("channels_last"):
        net = net.to(memory_format=torch.channels_last)
        images = images.contiguous(memory_format=torch.channels_last)
    bf16 = fmt.startswith("bf16")
    optimizer = torch.optim.SGD(net.parameters(), lr=1e-5, momentum=0.9)
    net.train()

    def step():
        optimizer.zero_grad()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            loss = nn.functional.cross_entropy(net(images), labels)
        loss.backward()
        optimizer.step()

    step()
    best = float("inf")
    for _ in range(max(1, reps)):
        start = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - start)
    return batch / best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)),
                        help="intra-op threads (default: every core; Debian's build starts with 1)")
    parser.add_argument("--format", type=formats, default=["fp32"], help=f"comma-separated, of {', '.join(FORMATS)}")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    for fmt in args.format:
        print(json.dumps({"format": fmt, "train_img_s": round(train_img_s(fmt, args.batch, args.reps), 3), "torch": torch.__version__,
                          "threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    main()
