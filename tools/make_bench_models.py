#!/usr/bin/python3
"""Writes the ONNX models of `bench engine` (bench/models/), for our engine and ONNX Runtime.

Run from anywhere with Debian's interpreter (torch 1.13, onnx 1.12, numpy):

    /usr/bin/python3 tools/make_bench_models.py

Seeded and single-threaded: a second run writes the same files. For each model NAME it writes

* NAME.f32.onnx: float32 parameters, float32 input and output (what ONNX Runtime float32 runs);
* NAME.f64.onnx: the same graph with every float32 tensor widened exactly to float64, and float64
  input and output (what ONNX Runtime float64 runs; our engine reads either and gets the same bits).

Models: digits (a copy of the bundled demo/digits.onnx: Sub/Div standardisation, 64-64-32-10, ReLU,
Softmax), and two untrained MLPs with ReLU and a Softmax head: 784-256-128-10 and 30-64-32-2
(PyTorch's default initialisation, seeds 784 and 30).
"""
import io
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import TensorProto, numpy_helper

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir))
OUT = os.path.join(ROOT, "bench", "models")
OPSET = 17

torch.set_num_threads(1)


def mlp(widths, seed):
    """Linear+ReLU layers for widths[0] -> ... -> widths[-1], then Softmax over the classes."""
    torch.manual_seed(seed)
    layers = []
    for i in range(len(widths) - 1):
        layers.append(nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(nn.ReLU())
    layers.append(nn.Softmax(dim=1))
    return nn.Sequential(*layers).eval()


def export(model, width):
    buf = io.BytesIO()
    torch.onnx.export(model, torch.zeros(2, width), buf, opset_version=OPSET, input_names=["features"],
                      output_names=["probabilities"], do_constant_folding=True,
                      dynamic_axes={"features": {0: "batch"}, "probabilities": {0: "batch"}})
    proto = onnx.load_from_string(buf.getvalue())
    onnx.checker.check_model(proto)
    return proto


def widen(proto):
    """A copy with every float32 tensor (initializers, Constant values, graph types) as float64."""
    wide = onnx.ModelProto()
    wide.CopyFrom(proto)
    g = wide.graph
    for i, init in enumerate(g.initializer):
        if init.data_type == TensorProto.FLOAT:
            g.initializer[i].CopyFrom(numpy_helper.from_array(
                numpy_helper.to_array(init).astype(np.float64), init.name))
    for node in g.node:
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.TENSOR and attr.t.data_type == TensorProto.FLOAT:
                attr.t.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(attr.t).astype(np.float64), attr.t.name))
        if node.op_type == "Cast":
            sys.exit("unexpected Cast node in %s: widening would change its meaning" % node.name)
    for value in list(g.input) + list(g.output) + list(g.value_info):
        if value.type.tensor_type.elem_type == TensorProto.FLOAT:
            value.type.tensor_type.elem_type = TensorProto.DOUBLE
    onnx.checker.check_model(wide)
    for a, b in zip(proto.graph.initializer, wide.graph.initializer):
        if not np.array_equal(numpy_helper.to_array(a).astype(np.float64), numpy_helper.to_array(b)):
            sys.exit("widening changed initializer %s" % a.name)
    return wide


def write(name, proto):
    for suffix, model in (("f32", proto), ("f64", widen(proto))):
        path = os.path.join(OUT, "%s.%s.onnx" % (name, suffix))
        with open(path, "wb") as f:
            f.write(model.SerializeToString())
        print("%-32s %9d bytes" % (os.path.relpath(path, ROOT), os.path.getsize(path)))


def main():
    os.makedirs(OUT, exist_ok=True)
    write("digits", onnx.load(os.path.join(ROOT, "demo", "digits.onnx")))
    for widths, seed in (([784, 256, 128, 10], 784), ([30, 64, 32, 2], 30)):
        write("-".join(map(str, widths)), export(mlp(widths, seed), widths[0]))


if __name__ == "__main__":
    main()
