"""Checks `./streamscore score` against PyTorch on a freshly made model that no test has seen.

Builds a random MLP (seeded; the architecture, activations, head and opset vary with the seed),
exports it with torch.onnx.export, writes float64 input rows with labels, computes the PyTorch
float64 reference on the same parameters as the ONNX file, scores the rows with
`./streamscore score`, and reports the largest differences against the contract's tolerances
(probabilities 1e-12 absolute, losses 1e-9 relative). Exit status 0 when within them.

usage: /usr/bin/python3 tools/parity_check.py [--seed N] [--rows N] [--dir DIR]
Needs Debian's python3-torch, python3-onnx and python3-numpy (not needed by the build or CI).
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np
import torch

ACTIVATIONS = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid,
               "leaky_relu": lambda h: torch.nn.functional.leaky_relu(h, 0.05)}


class RandomMlp(torch.nn.Module):
    def __init__(self, rng, width):
        super().__init__()
        sizes = [width] + [int(rng.integers(4, 48)) for _ in range(int(rng.integers(1, 4)))]
        self.classes = int(rng.integers(2, 12))
        self.hidden = torch.nn.ModuleList(torch.nn.Linear(a, b) for a, b in zip(sizes, sizes[1:]))
        self.last = torch.nn.Linear(sizes[-1], self.classes)
        self.act = str(rng.choice(list(ACTIVATIONS)))
        self.head = str(rng.choice(["softmax", "log_softmax", "logits"]))
        self.scale = float(rng.choice([1.0, 300.0]))
        # standardisation constants as the float32 values the ONNX file will hold
        self.mean = float(np.float32(rng.normal()))
        self.std = float(np.float32(rng.uniform(0.5, 2.0)))

    def features(self, x):
        h = (x - self.mean) / self.std
        for layer in self.hidden:
            h = ACTIVATIONS[self.act](layer(h))
        return h

    def forward(self, x):
        z = self.last(self.features(x)) * self.scale
        if self.head == "softmax":
            return torch.softmax(z, dim=1)
        if self.head == "log_softmax":
            return torch.log_softmax(z, dim=1)
        return z


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--rows", type=int, default=200)
    ap.add_argument("--dir", default="target/parity-check")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.makedirs(args.dir, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    torch.manual_seed(args.seed)
    width = int(rng.integers(3, 40))
    model = RandomMlp(rng, width).eval()
    opset = int(rng.choice([11, 13, 15, 17]))
    onnx_path = os.path.join(args.dir, "unseen.onnx")
    torch.onnx.export(model, torch.zeros(2, width), onnx_path, input_names=["x"], output_names=["y"],
                      dynamic_axes={"x": {0: "n"}, "y": {0: "n"}}, opset_version=opset)
    x = torch.from_numpy(rng.normal(scale=3.0, size=(args.rows, width)))
    labels = torch.from_numpy(rng.integers(0, model.classes, size=args.rows))
    with torch.no_grad():
        model = model.double()
        out = model(x)
        z = model.last(model.features(x)) * model.scale
        # probabilities as the contract defines them for each head; the loss always from the logits
        probs = {"softmax": out, "log_softmax": out.exp(), "logits": torch.softmax(z, dim=1)}[model.head]
        loss = torch.nn.functional.cross_entropy(z, labels, reduction="none")
    in_path = os.path.join(args.dir, "in.jsonl")
    with open(in_path, "w") as f:
        for i in range(args.rows):
            f.write(json.dumps({"id": i, "features": x[i].tolist(), "label": int(labels[i])}) + "\n")
    out_path = os.path.join(args.dir, "out.jsonl")
    subprocess.run([os.path.join(root, "streamscore"), "score", "--model", onnx_path, "--input", in_path,
                    "--output", out_path, "--batch-size", "64"], check=True)
    got = [json.loads(line) for line in open(out_path)]
    assert [g["id"] for g in got] == list(range(args.rows)), "ids out of order"
    dp = max(abs(a - b) for g, r in zip(got, probs.tolist()) for a, b in zip(g["probabilities"], r))
    dl = max(abs(g["loss"] - r) / max(1.0, abs(r)) for g, r in zip(got, loss.tolist()))
    print(f"model: width {width}, hidden {[l.out_features for l in model.hidden]}, {model.act}, "
          f"{model.classes} classes, head {model.head}, logits x{model.scale:g}, opset {opset}")
    print(f"rows {args.rows}: max |dp| {dp:.3g} (limit 1e-12), max relative dloss {dl:.3g} (limit 1e-9), "
          f"largest loss {max(loss.tolist()):.6g}")
    return 0 if dp <= 1e-12 and dl <= 1e-9 else 1


if __name__ == "__main__":
    sys.exit(main())
