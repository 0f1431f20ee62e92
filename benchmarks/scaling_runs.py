"""What the scaling benchmarks share: running one size with its log and peak memory, and the
machine the figures were measured on."""
import datetime
import os
import platform
import resource
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_logged(cmd, log_path):
    """Runs cmd, writes its command line and output to log_path; returns (process, peak RSS in
    KiB). The peak is that of the largest child so far: sizes grow, so it is this run's."""
    print("running:", " ".join(cmd), file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(log_path, "w") as f:
        f.write(" ".join(cmd) + "\n" + proc.stdout + proc.stderr)
    return proc, peak_kib


def machine_info(**settings):
    """Date, host, CPU, GPU (if any), memory, commit and load, plus the run's own settings."""
    def sh(command):
        return subprocess.run(["sh", "-c", command], capture_output=True, text=True).stdout
    return {"date_utc": datetime.datetime.utcnow().isoformat() + "Z", "host": platform.node(),
            "cpu": sh("lscpu | head -20"), "memory": sh("grep MemTotal /proc/meminfo").strip(),
            "gpu": sh("nvidia-smi --query-gpu=name,memory.total,driver_version"
                      " --format=csv,noheader 2>/dev/null").strip() or None,
            "commit": sh(f"git -C {REPO} rev-parse HEAD").strip(),
            "load_average_at_end": os.getloadavg(), **settings}
