"""Reference feature maps for test/cli/visualize.test.ts, made with PyTorch.

torchvision's AlexNet with the weights of test/fixtures/visualize/alexnet_div16_c2_s7.pth, the image
test/fixtures/visualize/horse.png through torchvision's evaluation transform, and the output of
features[0] (before the ReLU), written as float32 little endian in HWC order to
test/fixtures/visualize/horse.features0.f32.

Run from the repository root: python3 scripts/feature-maps-reference.py
"""
import numpy as np
import torch
import torchvision
from PIL import Image
from torchvision import transforms

FOLDER = 'test/fixtures/visualize'

state = torch.load(f'{FOLDER}/alexnet_div16_c2_s7.pth', map_location='cpu')
conv = torch.nn.Conv2d(3, state['features.0.weight'].shape[0], kernel_size=11, stride=4, padding=2)
conv.load_state_dict({'weight': state['features.0.weight'], 'bias': state['features.0.bias']})
first = torchvision.models.alexnet().features[0]
assert (first.kernel_size, first.stride, first.padding) == (conv.kernel_size, conv.stride, conv.padding)

evaluation = transforms.Compose([
    transforms.Resize(256),
    transforms.CenterCrop(224),
    transforms.ToTensor(),
    transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
])
image = evaluation(Image.open(f'{FOLDER}/horse.png').convert('RGB')).unsqueeze(0)
with torch.no_grad():
    maps = conv(image)[0].permute(1, 2, 0).contiguous().numpy().astype('<f4')
maps.tofile(f'{FOLDER}/horse.features0.f32')
print('wrote', f'{FOLDER}/horse.features0.f32', maps.shape)
