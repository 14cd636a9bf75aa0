#!/usr/bin/python3
"""Writes the demo model and data set, and the ONNX parity fixtures, with PyTorch as the reference.

Run from the repository root with Debian's interpreter (torch 1.13, onnx 1.12, sklearn, numpy):

    /usr/bin/python3 tools/make_fixtures.py

Everything is seeded and single-threaded, so a second run writes the same files. Outputs:

* demo/digits.onnx, demo/digits.json: one MLP trained on sklearn's bundled digits data set
  (standardisation folded in as Sub/Div, 64-64-32-10, final Softmax), the same float32
  parameters in both files.
* demo/digits.jsonl: the 1797 digits rows as labelled JSON lines.
* operators/src/test/resources/parity/<case>.onnx and <case>.expected.json: small models and the
  float64 PyTorch reference (probabilities, predicted class, per-row cross-entropy) computed on
  exactly the parameters stored in the ONNX file (float32 parameters upcast exactly).
* operators/src/test/resources/parity/digits.reference.json: the reference for the first rows
  of the demo model.
"""
import copy
import io
import json
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import helper, numpy_helper
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir))
DEMO = os.path.join(ROOT, "demo")
PARITY = os.path.join(ROOT, "operators", "src", "test", "resources", "parity")

torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)


# --------------------------------------------------------------------------------------------
# Export and reference helpers
# --------------------------------------------------------------------------------------------

def export_onnx(model, width, opset, dtype=torch.float32, output_name="probabilities"):
    """torch.onnx.export with a dynamic batch axis; returns the ModelProto."""
    model.eval()
    buf = io.BytesIO()
    dummy = torch.zeros(2, width, dtype=dtype)
    torch.onnx.export(model, dummy, buf, opset_version=opset, input_names=["features"],
                      output_names=[output_name], do_constant_folding=True,
                      dynamic_axes={"features": {0: "batch"}, output_name: {0: "batch"}})
    proto = onnx.load_from_string(buf.getvalue())
    onnx.checker.check_model(proto)
    return proto


def check_initializers(proto, model):
    """Every initializer named after a parameter or buffer holds exactly that tensor's values."""
    state = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    for init in proto.graph.initializer:
        if init.name in state:
            stored = numpy_helper.to_array(init)
            if not np.array_equal(stored, state[init.name]):
                sys.exit("initializer %s differs from the module's parameter" % init.name)


def reference(model, final, x, labels):
    """float64 PyTorch reference rows.

    model.logits(x) gives the logits; final says what forward() ends in: 'softmax',
    'log_softmax' or 'logits'. labels: int, list (distribution) or None per row.
    """
    m = copy.deepcopy(model).double().eval()
    with torch.no_grad():
        out = m(x)
        logits = m.logits(x)
        if final == "softmax":
            probs = out
        elif final == "log_softmax":
            probs = out.exp()
        else:
            probs = F.softmax(out, dim=1)
        if not torch.allclose(probs, F.softmax(logits, dim=1), rtol=0, atol=1e-12):
            sys.exit("logits() does not match forward()")
        logp = F.log_softmax(logits, dim=1)
        rows = []
        for i, label in enumerate(labels):
            p = probs[i].tolist()
            row = {"features": x[i].tolist(), "label": label, "probabilities": p,
                   "predicted": int(np.argmax(np.asarray(p))), "loss": None}
            if isinstance(label, int):
                row["loss"] = F.cross_entropy(logits[i:i + 1], torch.tensor([label]),
                                              reduction="none").item()
            elif label is not None:
                y = torch.tensor(label, dtype=torch.float64)
                row["loss"] = -(y * logp[i]).sum().item()
            rows.append(row)
    return rows


def parity_inputs(seed, width, classes, rows=20):
    """Rows of float64 features (a few of large magnitude) and their labels."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(rows, width, generator=g, dtype=torch.float64)
    x[3] *= 8.0
    x[7] *= 0.01
    x[11] *= -5.0
    labels = [i % classes for i in range(rows - 6)]   # every class appears
    one_hot = [0.0] * classes
    one_hot[classes - 1] = 1.0
    soft = [0.125, 0.375, 0.5] + [0.0] * (classes - 3)
    spread = [0.25, 0.25] + [0.0] * (classes - 3) + [0.5]   # dyadic: sums to exactly 1
    labels += [one_hot, soft, spread, None, None, None]
    return x, labels


def write_case(name, description, model, final, proto, width, classes, seed):
    check_initializers(proto, model)
    opset = [o.version for o in proto.opset_import if o.domain in ("", "ai.onnx")][0]
    x, labels = parity_inputs(seed, width, classes)
    doc = {"case": name, "description": description, "model": name + ".onnx", "opset": opset,
           "output_kind": final, "input_width": width, "classes": classes,
           "operators": sorted({n.op_type for n in proto.graph.node}),
           "rows": reference(model, final, x, labels)}
    with open(os.path.join(PARITY, name + ".onnx"), "wb") as f:
        f.write(proto.SerializeToString())
    with open(os.path.join(PARITY, name + ".expected.json"), "w") as f:
        json.dump(doc, f, indent=1, allow_nan=False)
        f.write("\n")
    print("parity %-22s opset %d  %s" % (name, opset, ", ".join(doc["operators"])))


# --------------------------------------------------------------------------------------------
# Parity models. Each has logits(x); forward(x) adds the final op.
# --------------------------------------------------------------------------------------------

class Mlp(nn.Module):
    """Gemm layers: nn.Linear with ReLU between; final op chosen by `final`."""

    def __init__(self, sizes, final, act=nn.ReLU):
        super().__init__()
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                layers.append(act())
        self.body = nn.Sequential(*layers)
        self.final = final

    def logits(self, x):
        return self.body(x)

    def forward(self, x):
        z = self.logits(x)
        if self.final == "softmax":
            return torch.softmax(z, dim=-1)
        if self.final == "log_softmax":
            return torch.log_softmax(z, dim=-1)
        return z


class MatMulAdd(nn.Module):
    """Explicit x @ W + b so the export gives MatMul/Add (bias on the right, then on the left)."""

    def __init__(self, d, h, k):
        super().__init__()
        self.w1 = nn.Parameter(torch.randn(d, h) * 0.5)
        self.b1 = nn.Parameter(torch.randn(h) * 0.1)
        self.w2 = nn.Parameter(torch.randn(h, h) * 0.4)
        self.b2 = nn.Parameter(torch.randn(h) * 0.1)
        self.w3 = nn.Parameter(torch.randn(h, k) * 0.4)

    def logits(self, x):
        h = torch.relu(x @ self.w1 + self.b1)
        h = torch.relu(self.b2 + h @ self.w2)
        return h @ self.w3

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)


class Standardised(nn.Module):
    """(x - mean) / std folded in: mean a buffer (initializer), std a literal (Constant node)."""

    def __init__(self, d, h, k):
        super().__init__()
        g = torch.Generator().manual_seed(5)
        self.register_buffer("mean", torch.randn(d, generator=g) * 3.0)
        std = (torch.rand(d, generator=g) * 4.0 + 0.5).tolist()
        std[1] = 1.0
        self.std = std
        self.mlp = Mlp([d, h, k], "softmax")

    def logits(self, x):
        return self.mlp.logits((x - self.mean) / torch.tensor(self.std))

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)


class Activations(nn.Module):
    """Tanh, Sigmoid, LeakyReLU(0.2) and LeakyReLU() hidden layers; final Softmax."""

    def __init__(self, d, h, k):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(d, h), nn.Tanh(), nn.Linear(h, h), nn.Sigmoid(),
                                  nn.Linear(h, h), nn.LeakyReLU(0.2), nn.Linear(h, h),
                                  nn.LeakyReLU(), nn.Linear(h, k))

    def logits(self, x):
        return self.body(x)

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)


class CommutedConstants(nn.Module):
    """Constants on the left of Sub, Add and Mul; scalar constants on the right of Mul and Sub."""

    def __init__(self, d, h, k):
        super().__init__()
        self.l1 = nn.Linear(d, h)
        self.l2 = nn.Linear(h, k)
        self.shift = nn.Parameter(torch.randn(h) * 0.2)
        self.register_buffer("scale", torch.rand(h) + 0.5)

    def logits(self, x):
        h = torch.tanh(self.l1(0.5 - x * 2.0))
        h = self.scale * (self.shift + h) - 0.25
        return self.l2(h)

    def forward(self, x):
        return torch.log_softmax(self.logits(x), dim=1)


class PassThrough(nn.Module):
    """Linear, ReLU, Dropout, Linear, Flatten, Identity, Softmax (in eval mode)."""

    def __init__(self, d, h, k):
        super().__init__()
        self.l1 = nn.Linear(d, h)
        self.drop = nn.Dropout(0.3)
        self.l2 = nn.Linear(h, k)
        self.flat = nn.Flatten()
        self.ident = nn.Identity()

    def logits(self, x):
        return self.ident(self.flat(self.l2(self.drop(torch.relu(self.l1(x))))))

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)


def insert_pass_through_nodes(proto):
    """torch drops eval-mode Dropout and nn.Identity when tracing; put them back as ONNX nodes
    (Dropout with a ratio input and its unused mask output, Identity before the Softmax and
    after it), which ONNX defines as identities in inference."""
    g = proto.graph
    nodes = list(g.node)
    out = []
    for n in nodes:
        if n.op_type == "Relu":
            relu_out = n.output[0]
            n.output[0] = relu_out + "_pre_dropout"
            out.append(n)
            out.append(helper.make_node("Constant", [], ["dropout_ratio"], name="/drop/Constant",
                                        value=numpy_helper.from_array(np.array(0.3, np.float32))))
            out.append(helper.make_node("Dropout", [n.output[0], "dropout_ratio"],
                                        [relu_out, "dropout_mask"], name="/drop/Dropout"))
        elif n.op_type == "Softmax":
            src = n.input[0]
            out.append(helper.make_node("Identity", [src], [src + "_identity"], name="/ident/Identity"))
            n.input[0] = src + "_identity"
            final = n.output[0]
            n.output[0] = final + "_softmax"
            out.append(n)
            out.append(helper.make_node("Identity", [n.output[0]], [final], name="/out/Identity"))
        else:
            out.append(n)
    del g.node[:]
    g.node.extend(out)
    onnx.checker.check_model(proto)
    return proto


def make_parity_cases():
    os.makedirs(PARITY, exist_ok=True)
    for f in os.listdir(PARITY):
        if f.endswith(".onnx") or f.endswith(".expected.json"):
            os.remove(os.path.join(PARITY, f))
    d, h, k = 8, 12, 5

    torch.manual_seed(101)
    m = Mlp([d, h, h, k], "softmax")
    write_case("a_gemm_softmax", "nn.Linear layers (Gemm), ReLU, final Softmax", m, "softmax",
               export_onnx(m, d, 17), d, k, 1)

    torch.manual_seed(102)
    m = MatMulAdd(d, h, k)
    write_case("b_matmul_add", "x @ W + b and b + x @ W layers (MatMul/Add), bare MatMul, Softmax",
               m, "softmax", export_onnx(m, d, 17), d, k, 2)

    torch.manual_seed(103)
    m = Mlp([d, h, k], "log_softmax")
    write_case("c_log_softmax", "Gemm layers, final LogSoftmax", m, "log_softmax",
               export_onnx(m, d, 17, output_name="log_probabilities"), d, k, 3)

    torch.manual_seed(104)
    m = Mlp([d, h, k], "logits")
    write_case("d_logits", "Gemm layers, raw logits out (no final softmax)", m, "logits",
               export_onnx(m, d, 17, output_name="logits"), d, k, 4)

    torch.manual_seed(105)
    m = Standardised(d, h, k)
    write_case("e_standardised", "Sub(mean initializer), Div(std Constant node), Gemm, Softmax",
               m, "softmax", export_onnx(m, d, 17), d, k, 5)

    torch.manual_seed(106)
    m = Activations(d, h, k)
    write_case("f_activations", "Tanh, Sigmoid, LeakyRelu(0.2) and LeakyRelu(default) hidden layers",
               m, "softmax", export_onnx(m, d, 17), d, k, 6)

    torch.manual_seed(107)
    m = Mlp([d, h, k], "softmax")
    with torch.no_grad():
        m.body[2].weight.mul_(1000.0)
        m.body[2].bias.mul_(1000.0)
    write_case("g_large_logits", "final layer x1000: logits in the thousands, Softmax", m, "softmax",
               export_onnx(m, d, 17), d, k, 7)

    torch.manual_seed(108)
    m = Mlp([d, h, h, k], "softmax").double()
    write_case("h_float64_params", "model.double() before export: DOUBLE initializers and input",
               m, "softmax", export_onnx(m, d, 17, dtype=torch.float64), d, k, 8)

    torch.manual_seed(109)
    m = Mlp([d, h, h, 3], "softmax", act=nn.Tanh)
    write_case("i_opset11", "the same model as i_opset17, exported with opset 11", m, "softmax",
               export_onnx(m, d, 11), d, 3, 9)
    write_case("i_opset17", "the same model as i_opset11, exported with opset 17", m, "softmax",
               export_onnx(m, d, 17), d, 3, 9)

    torch.manual_seed(110)
    m = PassThrough(d, h, k)
    write_case("j_passthrough", "Dropout (ratio input, unused mask), Flatten, Identity before and after Softmax",
               m, "softmax", insert_pass_through_nodes(export_onnx(m, d, 17)), d, k, 10)

    torch.manual_seed(111)
    m = CommutedConstants(d, h, k)
    write_case("k_commuted_constants", "0.5 - x, x * 2, b + h, s * h, h - 0.25 (constants on either side)",
               m, "log_softmax", export_onnx(m, d, 13, output_name="log_probabilities"), d, k, 11)


# --------------------------------------------------------------------------------------------
# Demo model: an MLP on sklearn's digits
# --------------------------------------------------------------------------------------------

class DigitsNet(nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", mean)
        self.register_buffer("std", std)
        self.body = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(),
                                  nn.Linear(32, 10))

    def logits(self, x):
        return self.body((x - self.mean) / self.std)

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)


def digits_json(model):
    """The streamscore JSON model, one node per line; float32 parameters written as the exact
    float64 they upcast to (Python's repr round-trips)."""
    def vec(t):
        return [float(v) for v in t.detach().numpy().astype(np.float64)]

    def mat(t):
        return [vec(row) for row in t]

    nodes = [{"id": 0, "op": "input", "name": "features", "width": 64},
             {"id": 1, "op": "sub", "inputs": [0], "constant": vec(model.mean)},
             {"id": 2, "op": "div", "inputs": [1], "constant": vec(model.std)}]
    nid, prev = 3, 2
    for layer in model.body:
        if isinstance(layer, nn.Linear):
            nodes.append({"id": nid, "op": "linear", "inputs": [prev], "weight": mat(layer.weight),
                          "bias": vec(layer.bias)})
        else:
            nodes.append({"id": nid, "op": "relu", "inputs": [prev]})
        prev, nid = nid, nid + 1
    nodes.append({"id": nid, "op": "softmax", "inputs": [prev]})
    lines = ['{', '  "format": "streamscore-model/1",', '  "name": "digits",',
             '  "output": %d,' % nid, '  "nodes": [']
    lines.append(",\n".join("    " + json.dumps(n, allow_nan=False) for n in nodes))
    lines += ['  ]', '}']
    return "\n".join(lines) + "\n"


def make_demo():
    os.makedirs(DEMO, exist_ok=True)
    data = load_digits()
    x_all = data.data.astype(np.float64)
    y_all = data.target.astype(np.int64)
    x_train, x_test, y_train, y_test = train_test_split(x_all, y_all, test_size=0.25,
                                                        random_state=0, stratify=y_all)
    mean = x_train.mean(axis=0)
    std = x_train.std(axis=0)
    std[std == 0] = 1.0

    torch.manual_seed(2026)
    model = DigitsNet(torch.tensor(mean, dtype=torch.float32), torch.tensor(std, dtype=torch.float32))
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    xt = torch.tensor(x_train, dtype=torch.float32)
    yt = torch.tensor(y_train)
    g = torch.Generator().manual_seed(7)
    for step in range(600):
        idx = torch.randint(0, len(xt), (128,), generator=g)
        loss = F.cross_entropy(model.logits(xt[idx]), yt[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        acc_train = (model.logits(xt).argmax(1) == yt).double().mean().item()
        acc_test = (model.logits(torch.tensor(x_test, dtype=torch.float32)).argmax(1)
                    == torch.tensor(y_test)).double().mean().item()
    print("digits: train accuracy %.4f, held-out accuracy %.4f (%d held out)"
          % (acc_train, acc_test, len(y_test)))
    if acc_test < 0.95:
        sys.exit("digits model is not accurate enough")

    proto = export_onnx(model, 64, 17)
    check_initializers(proto, model)
    with open(os.path.join(DEMO, "digits.onnx"), "wb") as f:
        f.write(proto.SerializeToString())
    with open(os.path.join(DEMO, "digits.json"), "w") as f:
        f.write(digits_json(model))
    with open(os.path.join(DEMO, "digits.jsonl"), "w") as f:
        for i in range(len(y_all)):
            features = [int(v) if float(v).is_integer() else float(v) for v in x_all[i]]
            f.write(json.dumps({"id": "digits-%d" % i, "features": features, "label": int(y_all[i])}))
            f.write("\n")

    x_ref = torch.tensor(x_all[:24], dtype=torch.float64)
    labels = [int(v) for v in y_all[:24]]
    labels[20] = [0.0] * 10
    labels[20][int(y_all[20])] = 1.0
    labels[21] = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 0.5]
    labels[22] = None
    labels[23] = None
    doc = {"case": "digits", "description": "demo/digits.onnx and demo/digits.json, first rows",
           "output_kind": "softmax", "input_width": 64, "classes": 10,
           "held_out_accuracy": acc_test,
           "rows": reference(model, "softmax", x_ref, labels)}
    with open(os.path.join(PARITY, "digits.reference.json"), "w") as f:
        json.dump(doc, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    make_parity_cases()
    make_demo()
