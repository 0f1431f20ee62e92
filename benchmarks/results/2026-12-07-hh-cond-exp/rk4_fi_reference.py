"""An independent check of examples/hh_neurons.toml's f-I curve: NEST's hh_cond_exp_traub equations
with PyNN's HH_cond_exp defaults, written here apart from the engine and its C++ reference,
integrated by fourth-order Runge-Kutta at 0.005 ms from rest at -65 mV for 1 s; spikes counted
by NEST's rule (v falling while above v_offset + 30 mV, 2 ms apart). Prints the counts at 0.05,
0.5 and 1 nA (14, 77, 128 when written; the engine at dt = 0.1 ms gives the same)."""
import math

P = dict(gNa=20.0, gK=6.0, gL=0.01, cm=0.2, VT=-63.0, ENa=50.0, EK=-90.0, EL=-65.0, I=0.0)


def ratio(x, k):
    return k if abs(x) < 1e-9 else x / math.expm1(x / k)


def rates(u):
    return (0.32 * ratio(13 - u, 4), 0.28 * ratio(u - 40, 5), 0.128 * math.exp((17 - u) / 18),
            4 / (1 + math.exp((40 - u) / 5)), 0.032 * ratio(15 - u, 5),
            0.5 * math.exp((10 - u) / 40))


def derivative(y):
    v, m, h, n = y
    am, bm, ah, bh, an, bn = rates(v - P["VT"])
    dv = (P["gL"] * (P["EL"] - v) + P["gNa"] * m ** 3 * h * (P["ENa"] - v)
          + P["gK"] * n ** 4 * (P["EK"] - v) + P["I"]) / P["cm"]
    return [dv, am * (1 - m) - bm * m, ah * (1 - h) - bh * h, an * (1 - n) - bn * n]


def at_rest(v):
    am, bm, ah, bh, an, bn = rates(v - P["VT"])
    return [am / (am + bm), ah / (ah + bh), an / (an + bn)]


def count(current, duration=1000.0, h=0.005):
    P["I"] = current
    y = [P["EL"]] + at_rest(P["EL"])
    previous, last, spikes = y[0], -1e9, 0
    for k in range(int(round(duration / h))):
        k1 = derivative(y)
        k2 = derivative([a + h / 2 * b for a, b in zip(y, k1)])
        k3 = derivative([a + h / 2 * b for a, b in zip(y, k2)])
        k4 = derivative([a + h * b for a, b in zip(y, k3)])
        y = [a + h / 6 * (b + 2 * c + 2 * d + e) for a, b, c, d, e in zip(y, k1, k2, k3, k4)]
        t = (k + 1) * h
        if y[0] < previous and y[0] > P["VT"] + 30 and t - last > 2 - 1e-9:
            spikes, last = spikes + 1, t
        previous = y[0]
    return spikes


if __name__ == "__main__":
    for current in (0.05, 0.5, 1.0):
        print(f"{current} nA: {count(current)} spikes in 1 s")
