"""Export to ONNX and check the exported graph against PyTorch before it is written.

The check runs the ONNX graph with ``onnx.reference.ReferenceEvaluator`` when the installed
onnx has it (1.13+), else with the small NumPy interpreter below, which knows the operators
these networks export to. Either way the graph is evaluated independently of PyTorch, from
the ONNX file's own nodes and weights.
"""

from __future__ import annotations

import io
from typing import Dict, List, Sequence, Tuple

import numpy as np
import onnx
import torch
from onnx import numpy_helper

INPUT_NAME = "input"
OUTPUT_NAMES = ("probabilities", "embedding")


def export_bytes(wrapper: torch.nn.Module, size: int, opset: int = 17) -> bytes:
    wrapper.eval()
    dummy = torch.zeros(1, 3, size, size)
    buffer = io.BytesIO()
    with torch.no_grad():
        torch.onnx.export(
            wrapper,
            dummy,
            buffer,
            input_names=[INPUT_NAME],
            output_names=list(OUTPUT_NAMES),
            dynamic_axes={INPUT_NAME: {0: "batch"}, **{name: {0: "batch"} for name in OUTPUT_NAMES}},
            opset_version=opset,
            do_constant_folding=True,
        )
    return buffer.getvalue()


# --- NumPy interpreter -------------------------------------------------------------------


def _attrs(node: onnx.NodeProto) -> Dict[str, object]:
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _pad_nchw(x: np.ndarray, pads: Sequence[int], value: float) -> np.ndarray:
    top, left, bottom, right = pads[0], pads[1], pads[2], pads[3]
    return np.pad(x, ((0, 0), (0, 0), (top, bottom), (left, right)), constant_values=value)


def _windows(x: np.ndarray, kernel: Sequence[int], strides: Sequence[int], dilations: Sequence[int]) -> np.ndarray:
    """(N, C, Ho, Wo, kh, kw) view of x's sliding windows."""
    kh, kw = kernel
    dh, dw = dilations
    span_h, span_w = (kh - 1) * dh + 1, (kw - 1) * dw + 1
    view = np.lib.stride_tricks.sliding_window_view(x, (span_h, span_w), axis=(2, 3))
    view = view[:, :, :: strides[0], :: strides[1], ::dh, ::dw]
    return view


def _conv(x: np.ndarray, w: np.ndarray, b, attrs: Dict[str, object]) -> np.ndarray:
    group = int(attrs.get("group", 1))
    kernel = list(attrs.get("kernel_shape", w.shape[2:]))
    strides = list(attrs.get("strides", [1, 1]))
    dilations = list(attrs.get("dilations", [1, 1]))
    pads = list(attrs.get("pads", [0, 0, 0, 0]))
    if attrs.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
        raise NotImplementedError("Conv auto_pad")
    x = _pad_nchw(x, pads, 0.0)
    win = _windows(x, kernel, strides, dilations)
    n, c, ho, wo = win.shape[:4]
    m = w.shape[0]
    win = win.reshape(n, group, c // group, ho, wo, kernel[0], kernel[1])
    wg = w.reshape(group, m // group, c // group, kernel[0], kernel[1])
    out = np.einsum("ngchwij,gmcij->ngmhw", win, wg, optimize=True).reshape(n, m, ho, wo)
    if b is not None:
        out = out + b.reshape(1, -1, 1, 1)
    return out


def _pool(x: np.ndarray, attrs: Dict[str, object], kind: str) -> np.ndarray:
    kernel = list(attrs["kernel_shape"])
    strides = list(attrs.get("strides", [1, 1]))
    pads = list(attrs.get("pads", [0, 0, 0, 0]))
    if attrs.get("ceil_mode", 0):
        raise NotImplementedError("pool ceil_mode")
    if kind == "max":
        win = _windows(_pad_nchw(x, pads, -np.inf), kernel, strides, [1, 1])
        return win.max(axis=(4, 5))
    if any(pads) and not attrs.get("count_include_pad", 0):
        raise NotImplementedError("AveragePool with padding excluded from the count")
    win = _windows(_pad_nchw(x, pads, 0.0), kernel, strides, [1, 1])
    return win.mean(axis=(4, 5))


def run_numpy(model: onnx.ModelProto, feeds: Dict[str, np.ndarray]) -> List[np.ndarray]:
    values: Dict[str, np.ndarray] = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    values.update({k: v.astype(np.float64) if v.dtype == np.float32 else v for k, v in feeds.items()})
    for node in model.graph.node:
        ins = [values[name] if name else None for name in node.input]
        a = _attrs(node)
        op = node.op_type
        if op == "Conv":
            out = _conv(ins[0], ins[1], ins[2] if len(ins) > 2 else None, a)
        elif op == "Relu":
            out = np.maximum(ins[0], 0)
        elif op == "Clip":
            lo = ins[1] if len(ins) > 1 and ins[1] is not None else -np.inf
            hi = ins[2] if len(ins) > 2 and ins[2] is not None else np.inf
            out = np.clip(ins[0], lo, hi)
        elif op == "Add":
            out = ins[0] + ins[1]
        elif op == "Mul":
            out = ins[0] * ins[1]
        elif op == "BatchNormalization":
            x, scale, bias, mean, var = ins[:5]
            eps = float(a.get("epsilon", 1e-5))
            shape = (1, -1, 1, 1)
            out = (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + eps) * scale.reshape(shape) + bias.reshape(shape)
        elif op == "MaxPool":
            out = _pool(ins[0], a, "max")
        elif op == "AveragePool":
            out = _pool(ins[0], a, "avg")
        elif op == "GlobalAveragePool":
            out = ins[0].mean(axis=(2, 3), keepdims=True)
        elif op == "Flatten":
            axis = int(a.get("axis", 1))
            out = ins[0].reshape(int(np.prod(ins[0].shape[:axis])), -1)
        elif op == "Reshape":
            out = ins[0].reshape([int(d) if d != 0 else ins[0].shape[i] for i, d in enumerate(ins[1])])
        elif op == "Gemm":
            x, w = ins[0], ins[1]
            if a.get("transA", 0):
                x = x.T
            if a.get("transB", 0):
                w = w.T
            out = float(a.get("alpha", 1.0)) * (x @ w)
            if len(ins) > 2 and ins[2] is not None:
                out = out + float(a.get("beta", 1.0)) * ins[2]
        elif op == "MatMul":
            out = ins[0] @ ins[1]
        elif op == "Softmax":
            axis = int(a.get("axis", -1))
            shifted = ins[0] - ins[0].max(axis=axis, keepdims=True)
            e = np.exp(shifted)
            out = e / e.sum(axis=axis, keepdims=True)
        elif op == "Identity":
            out = ins[0]
        elif op == "Constant":
            out = numpy_helper.to_array(a["value"])
        else:
            raise NotImplementedError(f"the NumPy checker does not know ONNX op {op}")
        values[node.output[0]] = out
    return [values[o.name].astype(np.float32) for o in model.graph.output]


def run_onnx(model: onnx.ModelProto, batch: np.ndarray) -> Tuple[List[np.ndarray], str]:
    """Outputs of the ONNX graph for batch, and which evaluator produced them."""
    try:
        from onnx.reference import ReferenceEvaluator  # onnx >= 1.13
    except ImportError:
        return run_numpy(model, {INPUT_NAME: batch}), "NumPy interpreter (onnx.reference is not in this onnx)"
    outputs = ReferenceEvaluator(model).run(None, {INPUT_NAME: batch})
    return list(outputs), "onnx.reference.ReferenceEvaluator"


def verify(onnx_bytes: bytes, wrapper: torch.nn.Module, batches: Sequence[torch.Tensor]) -> Dict[str, object]:
    """onnx.checker + compare every output with PyTorch on each batch; raise if they differ."""
    model = onnx.load_from_string(onnx_bytes)
    onnx.checker.check_model(model, full_check=True)
    inputs = [i.name for i in model.graph.input]
    outputs = [o.name for o in model.graph.output]
    if inputs != [INPUT_NAME] or outputs != list(OUTPUT_NAMES):
        raise AssertionError(f"unexpected graph signature: inputs {inputs}, outputs {outputs}")
    batch_dim = model.graph.input[0].type.tensor_type.shape.dim[0]
    if not batch_dim.dim_param:
        raise AssertionError("the batch axis of the exported input is not dynamic")
    wrapper.eval()
    worst = {name: 0.0 for name in OUTPUT_NAMES}
    evaluator = ""
    for batch in batches:
        with torch.no_grad():
            expected = [t.numpy() for t in wrapper(batch)]
        actual, evaluator = run_onnx(model, batch.numpy().astype(np.float32))
        for name, e, got in zip(OUTPUT_NAMES, expected, actual):
            if e.shape != got.shape:
                raise AssertionError(f"{name}: ONNX shape {got.shape} != PyTorch shape {e.shape}")
            worst[name] = max(worst[name], float(np.abs(e - got).max()))
    if worst["probabilities"] > 1e-4 or worst["embedding"] > 1e-3 * max(1.0, _scale(wrapper, batches[0])):
        raise AssertionError(f"ONNX and PyTorch outputs differ: max abs difference {worst}")
    ops = sorted({n.op_type for n in model.graph.node})
    return {
        "evaluator": evaluator,
        "max_abs_diff": worst,
        "batch_sizes": [int(b.shape[0]) for b in batches],
        "ops": ops,
        "opset": model.opset_import[0].version,
    }


def _scale(wrapper: torch.nn.Module, batch: torch.Tensor) -> float:
    with torch.no_grad():
        return float(wrapper(batch)[1].abs().max())
