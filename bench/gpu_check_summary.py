"""scripts/gpu-check.sh's results.json: `rxtrain info`'s adapter and backend lines, the benchmark's
and PyTorch's JSON from the same call, and rxtrain's figures as ratios to PyTorch's, with the goals:
a training step within 2x PyTorch fp32's time, end to end at least 0.5x PyTorch's images/s.

usage: python3 bench/gpu_check_summary.py RESULTS_DIR   (prints the JSON)
"""
import json, os, sys

folder = sys.argv[1]


def read(name):
    path = os.path.join(folder, name)
    return open(path, encoding="utf-8").read() if os.path.exists(path) else ""


def last_json(name):
    lines = [line for line in read(name).splitlines() if line.startswith("{")]
    if not lines:
        return dict(error=f"{name}: no JSON line (see the matching stderr file)")
    return json.loads(lines[-1])


def ratio(numerator, denominator):
    return numerator / denominator if isinstance(numerator, (int, float)) and isinstance(denominator, (int, float)) and denominator else None


info_lines = read("info.txt").splitlines()
adapter = next((line for line in info_lines if line.startswith("webgpu adapter:")), None)
backend = next((line for line in info_lines if line.startswith("backend:")), None)
rx, torch = last_json("benchmark.json"), last_json("pytorch.json")
alexnet, stream = rx.get("alexnet") or {}, rx.get("trainStream") or {}
fp32, amp, e2e = torch.get("fp32") or {}, torch.get("channels_last_amp") or {}, torch.get("end_to_end") or {}

train_vs_fp32 = ratio(alexnet.get("trainMsPerImage"), fp32.get("train_ms_per_image"))
end_to_end = ratio(stream.get("imagesPerSecond"), e2e.get("images_per_second"))
summary = dict(
    info=dict(adapter=adapter, backend=backend, auto_chose_webgpu=backend == "backend: webgpu",
              hardware_adapter=adapter is not None and "none" not in adapter and "architecture software" not in adapter),
    ratios=dict(
        train_step_time_vs_fp32=train_vs_fp32,
        train_step_time_vs_channels_last_amp=ratio(alexnet.get("trainMsPerImage"), amp.get("train_ms_per_image")),
        forward_time_vs_fp32=ratio(alexnet.get("forwardMsPerImage"), fp32.get("forward_ms_per_image")),
        first_step_time_vs_fp32=ratio(alexnet.get("firstStepSeconds"), fp32.get("first_step_s")),
        peak_memory_vs_fp32=ratio(alexnet.get("peakGpuBytes"), fp32.get("peak_bytes")),
        end_to_end_images_per_s_vs_pytorch=end_to_end,
    ),
    goals=dict(
        train_step_within_2x_fp32=None if train_vs_fp32 is None else train_vs_fp32 <= 2,
        end_to_end_at_least_half=None if end_to_end is None else end_to_end >= 0.5,
    ),
    rxtrain=rx,
    pytorch=torch,
)
print(json.dumps(summary, indent=1))
