"""Which device runs the network, and in which precision (--precision auto picks it)."""
import os
import platform

import tensorflow as tf

from quiet_start import native_stderr_filtered

# /proc/cpuinfo flags of CPUs that multiply bf16 natively; elsewhere oneDNN emulates bf16, slower than fp32.
BF16_CPU_FLAGS = ('avx512_bf16', 'amx_bf16')
CPUINFO = '/proc/cpuinfo'


def cpuinfo_field(text, name):
    """The value of the first `name : value` line of /proc/cpuinfo text ('' when absent)."""
    for line in text.splitlines():
        key, _, value = line.partition(':')
        if key.strip() == name:
            return value.strip()
    return ''


def read_cpuinfo(path=CPUINFO):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            return f.read()
    except OSError:
        return ''  # not Linux: no flags known, so auto stays at fp32


def chosen_precision(requested, cpu_flags, has_gpu):
    """(precision, why): --precision as given, or for auto bf16 on a CPU with native bf16, else fp32."""
    if requested != 'auto':
        native = has_gpu or any(flag in cpu_flags for flag in BF16_CPU_FLAGS)
        note = '' if requested == 'fp32' or native else ', emulated on this CPU: slower than fp32'
        return requested, '%s (--precision %s%s)' % (requested, requested, note)
    if has_gpu:
        return 'fp32', 'fp32 (auto: on a GPU; the bf16 rewrite is for CPUs)'
    native = [flag for flag in BF16_CPU_FLAGS if flag in cpu_flags]
    if native:
        return 'bf16', 'bf16 (auto: the CPU has %s)' % native[0]
    return 'fp32', 'fp32 (auto: the CPU has neither %s)' % ' nor '.join(BF16_CPU_FLAGS)


def device_and_precision(requested):
    """(precision, one line naming the device and the precision chosen for it)."""
    with native_stderr_filtered():  # the first device probe is when CUDA builds print "failed call to cuInit"
        gpus = tf.config.list_physical_devices('GPU')
    cpuinfo = read_cpuinfo()
    precision, why = chosen_precision(requested, set(cpuinfo_field(cpuinfo, 'flags').split()), bool(gpus))
    if gpus:
        device = 'GPU %s' % ', '.join(tf.config.experimental.get_device_details(gpu).get('device_name', gpu.name)
                                      for gpu in gpus)
    else:
        device = 'CPU %s (%d cores)' % (cpuinfo_field(cpuinfo, 'model name') or platform.processor() or 'unknown',
                                        os.cpu_count() or 1)
    return precision, 'device: %s; precision: %s' % (device, why)
