"""Small CNNs that train from scratch on a few hundred photos and run in a few ms on a laptop.

Every network exposes ``features(x) -> embedding`` (global-average-pooled features) and
``classifier(embedding) -> logits`` so the exported graph can return both.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Sequence, Tuple

import torch
from torch import nn


def conv_bn(cin: int, cout: int, kernel: int, stride: int = 1, groups: int = 1, act: bool = True) -> nn.Sequential:
    layers: List[nn.Module] = [
        nn.Conv2d(cin, cout, kernel, stride, kernel // 2, groups=groups, bias=False),
        nn.BatchNorm2d(cout),
    ]
    if act:
        layers.append(nn.ReLU(inplace=True))
    return nn.Sequential(*layers)


class InvertedResidual(nn.Module):
    """MobileNetV2 block: 1x1 expand, 3x3 depthwise, 1x1 linear projection."""

    def __init__(self, cin: int, cout: int, stride: int, expand: int) -> None:
        super().__init__()
        hidden = cin * expand
        layers: List[nn.Module] = []
        if expand != 1:
            layers.append(conv_bn(cin, hidden, 1))
        layers += [conv_bn(hidden, hidden, 3, stride, groups=hidden), conv_bn(hidden, cout, 1, act=False)]
        self.body = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.body(x)
        return x + out if self.residual else out


class SeparableBlock(nn.Module):
    """ResNet basic block made of depthwise-separable convolutions."""

    def __init__(self, cin: int, cout: int, stride: int) -> None:
        super().__init__()
        self.body = nn.Sequential(
            conv_bn(cin, cin, 3, stride, groups=cin),
            conv_bn(cin, cout, 1),
            conv_bn(cout, cout, 3, 1, groups=cout),
            conv_bn(cout, cout, 1, act=False),
        )
        self.shortcut: nn.Module = nn.Identity()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(
                nn.AvgPool2d(stride) if stride != 1 else nn.Identity(), conv_bn(cin, cout, 1, act=False)
            )
        self.act = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.body(x) + self.shortcut(x))


class BasicBlock(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int) -> None:
        super().__init__()
        self.body = nn.Sequential(conv_bn(cin, cout, 3, stride), conv_bn(cout, cout, 3, act=False))
        self.shortcut: nn.Module = nn.Identity()
        if stride != 1 or cin != cout:
            self.shortcut = conv_bn(cin, cout, 1, stride, act=False)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.body(x) + self.shortcut(x))


class Classifier(nn.Module):
    def __init__(self, features: nn.Module, width: int, num_classes: int, dropout: float) -> None:
        super().__init__()
        self.backbone = features
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(width, num_classes)
        self.embedding_size = width

    def features(self, x: torch.Tensor) -> torch.Tensor:
        return torch.flatten(self.pool(self.backbone(x)), 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.dropout(self.features(x)))


def _scaled(channels: int, width: float) -> int:
    return max(8, int(round(channels * width / 8)) * 8)


def mobilenet(num_classes: int, width: float = 1.0, dropout: float = 0.2) -> Classifier:
    """MobileNetV2-like, trimmed for 160-224 px photos (about 0.3M parameters at width 1)."""
    # (expand, channels, repeats, stride)
    config: Sequence[Tuple[int, int, int, int]] = (
        (1, 16, 1, 1),
        (4, 24, 2, 2),
        (4, 32, 2, 2),
        (4, 64, 3, 2),
        (4, 96, 2, 1),
        (4, 160, 2, 2),
    )
    cin = _scaled(16, width)
    layers: List[nn.Module] = [conv_bn(3, cin, 3, 2)]
    for expand, channels, repeats, stride in config:
        cout = _scaled(channels, width)
        for i in range(repeats):
            layers.append(InvertedResidual(cin, cout, stride if i == 0 else 1, expand))
            cin = cout
    last = _scaled(320, width)
    layers.append(conv_bn(cin, last, 1))
    return Classifier(nn.Sequential(*layers), last, num_classes, dropout)


def sepresnet(num_classes: int, width: float = 1.0, dropout: float = 0.2) -> Classifier:
    """ResNet-18-shaped network with depthwise-separable blocks (one block per stage)."""
    stages = [_scaled(c, width) for c in (32, 64, 128, 256)]
    stem = _scaled(24, width)
    layers: List[nn.Module] = [
        conv_bn(3, stem, 3, 2),
        conv_bn(stem, stem, 3, 1, groups=stem),
        conv_bn(stem, stages[0], 1),
        nn.MaxPool2d(3, 2, 1),
    ]
    cin = stages[0]
    for i, cout in enumerate(stages):
        layers.append(SeparableBlock(cin, cout, 1 if i == 0 else 2))
        layers.append(SeparableBlock(cout, cout, 1))
        cin = cout
    return Classifier(nn.Sequential(*layers), cin, num_classes, dropout)


def resnet_tiny(num_classes: int, width: float = 1.0, dropout: float = 0.2) -> Classifier:
    """Plain ResNet with one basic block per stage; channels 16-32-64-128 at width 1."""
    stages = [_scaled(c, width) for c in (16, 32, 64, 128)]
    layers: List[nn.Module] = [conv_bn(3, stages[0], 3, 2), nn.MaxPool2d(3, 2, 1)]
    cin = stages[0]
    for i, cout in enumerate(stages):
        layers.append(BasicBlock(cin, cout, 1 if i == 0 else 2))
        cin = cout
    return Classifier(nn.Sequential(*layers), cin, num_classes, dropout)


ARCHITECTURES: Dict[str, Callable[..., Classifier]] = {
    "mobilenet": mobilenet,
    "sepresnet": sepresnet,
    "resnet-tiny": resnet_tiny,
}


def build(name: str, num_classes: int, width: float, dropout: float) -> Classifier:
    if name not in ARCHITECTURES:
        raise ValueError(f"unknown architecture {name!r}; choose one of {', '.join(ARCHITECTURES)}")
    model = ARCHITECTURES[name](num_classes, width=width, dropout=dropout)
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")
        elif isinstance(module, nn.BatchNorm2d):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, 0, 0.01)
            nn.init.zeros_(module.bias)
    # Zero the last BN of each residual branch so every block starts as the identity.
    for module in model.modules():
        if isinstance(module, (SeparableBlock, BasicBlock, InvertedResidual)):
            last_bn = [m for m in module.body.modules() if isinstance(m, nn.BatchNorm2d)][-1]
            if not isinstance(module, InvertedResidual) or module.residual:
                nn.init.zeros_(last_bn.weight)
    return model


class ExportWrapper(nn.Module):
    """What goes into model.onnx: probabilities (softmax inside the graph) and the embedding."""

    def __init__(self, model: Classifier) -> None:
        super().__init__()
        self.model = model

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        embedding = self.model.features(x)
        probabilities = torch.softmax(self.model.classifier(embedding), dim=1)
        return probabilities, embedding
