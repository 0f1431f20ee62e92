"""Projection of the spikewafer PyNN backend: connections as numpy arrays, handed to the engine
as explicit connection lists (one engine projection per pair of engine populations)."""

from __future__ import annotations

import numpy as np
from pyNN import common, errors
from pyNN.connectors import (AllToAllConnector, FixedNumberPostConnector,
                             FixedNumberPreConnector, FixedProbabilityConnector,
                             FixedTotalNumberConnector, FromListConnector, OneToOneConnector)
from pyNN.parameters import ParameterSpace
from pyNN.random import RandomDistribution
from pyNN.space import Space
from pyNN.standardmodels import StandardSynapseType

import spikewafer as sw

from . import simulator
from .standardmodels import (SimpleStochasticSynapse, STDPMechanism, StaticSynapse,
                             TsodyksMarkramSynapse)

# The rule's parameters, as the engine's Stdp names them.
_STDP_RULE = ("tau_plus", "tau_minus", "A_plus", "A_minus", "w_min", "w_max")


class Connection(common.Connection):
    """One connection of a Projection (a view into its arrays)."""

    def __init__(self, projection, i):
        self.projection = projection
        self.i = i

    @property
    def presynaptic_index(self):
        return int(self.projection._pre[self.i])

    @property
    def postsynaptic_index(self):
        return int(self.projection._post[self.i])

    def __getattr__(self, name):
        projection = self.__dict__["projection"]
        if name in projection._params:
            return float(projection._native_values(name)[self.__dict__["i"]])
        raise AttributeError(name)

    def __setattr__(self, name, value):
        """A synapse parameter writes through to the projection (connection.weight = x), as
        Projection.set() does for all of them."""
        projection = self.__dict__.get("projection")
        if projection is None or name not in projection._params:
            object.__setattr__(self, name, value)
            return
        state = simulator.state
        projection._keep_learned_weights()
        if state.step == 0 or name not in ("weight", "delay"):
            state.structure_changed(f"setting a connection's {name}")
        else:
            state.projection_changed(projection)
        column = projection._params[name].copy()
        column[self.__dict__["i"]] = float(value)
        projection._check_values({name: column})
        projection._params[name] = column

    def as_tuple(self, *attribute_names):
        return tuple(getattr(self, name) for name in attribute_names)


class Projection(common.Projection):
    __doc__ = common.Projection.__doc__
    _simulator = simulator
    _static_synapse_class = StaticSynapse

    def __init__(self, presynaptic_population, postsynaptic_population, connector,
                 synapse_type=None, source=None, receptor_type=None, space=Space(), label=None):
        simulator.state.structure_changed("creating a Projection")
        common.Projection.__init__(self, presynaptic_population, postsynaptic_population,
                                   connector, synapse_type, source, receptor_type, space, label)
        if not isinstance(self.synapse_type, (StaticSynapse, TsodyksMarkramSynapse, STDPMechanism,
                                              SimpleStochasticSynapse)):
            raise NotImplementedError(
                f"spikewafer: {type(self.synapse_type).__name__} is not available (StaticSynapse, "
                "TsodyksMarkramSynapse, STDPMechanism and SimpleStochasticSynapse are)")
        if isinstance(self.synapse_type, STDPMechanism):
            self._check_stdp_components()
        self._chunks = []
        if not self._fast_connect(connector):
            connector.connect(self)
        self._collect()
        simulator.state.projections.append(self)

    # --- building the connection arrays -------------------------------------------------
    def _convergent_connect(self, presynaptic_indices, postsynaptic_index,
                            location_selector=None, **connection_parameters):
        if location_selector is not None:
            raise NotImplementedError("spikewafer has no multicompartment models")
        pre = np.asarray(presynaptic_indices, np.int64).ravel()
        n = pre.size
        params = {name: np.broadcast_to(np.asarray(value, float), (n,)).copy()
                  for name, value in connection_parameters.items()}
        self._chunks.append((pre, np.full(n, int(postsynaptic_index), np.int64), params))

    def _collect(self):
        names = self.synapse_type.get_native_names(*self.synapse_type.get_parameter_names())
        if self._chunks:
            self._pre = np.concatenate([c[0] for c in self._chunks])
            self._post = np.concatenate([c[1] for c in self._chunks])
            self._params = {n: np.concatenate([c[2][n] for c in self._chunks]) for n in names
                            if all(n in c[2] for c in self._chunks)}
        else:
            self._pre = np.zeros(0, np.int64)
            self._post = np.zeros(0, np.int64)
            self._params = {n: np.zeros(0) for n in names}
        self._chunks = []
        self._check_values(self._params)

    def _check_values(self, params):
        if "weight" in params and params["weight"].size:
            checks = getattr(self.synapse_type, "parameter_checks", {})
            if "weight" in checks:
                checks["weight"](params["weight"], self)
        if "delay" in params and params["delay"].size:
            d = params["delay"]
            dt = simulator.state.dt
            if np.any(~np.isfinite(d)) or np.any(d < dt - 1e-9):
                raise errors.ConnectionError(
                    f"spikewafer: delays must be at least the time step ({dt} ms); got "
                    f"{d.min()} ms")

    def _synapse_values(self, pre, post):
        """Vectorised synapse parameters for the fast paths, or None (use the generic path)."""
        ps = self.synapse_type.native_parameters
        ps.shape = (self.pre.size, self.post.size)
        n = pre.size
        out = {}
        for name, la in ps.items():
            base = la.base_value
            if la.is_homogeneous and not callable(base):
                out[name] = np.full(n, float(la.evaluate(simplify=True)))
            elif isinstance(base, RandomDistribution) and not la.operations:
                out[name] = np.asarray(base.next(n), float).reshape(n)
            elif (isinstance(base, np.ndarray) and base.shape == ps.shape
                  and not la.operations):
                out[name] = base[pre, post].astype(float)
            else:
                return None
        return out

    def _fast_connect(self, connector):
        if getattr(connector, "location_selector", None) is not None:
            return False
        npre, npost = self.pre.size, self.post.size
        kind = type(connector)
        if kind is FromListConnector:
            return self._fast_from_list(connector)
        if kind is AllToAllConnector:
            post, pre = np.divmod(np.arange(npre * npost, dtype=np.int64), npre)
            allow = connector.allow_self_connections
            if allow is not True and allow is not False:
                return False
        elif kind is OneToOneConnector:
            if npre != npost:
                return False
            pre = post = np.arange(npre, dtype=np.int64)
            allow = True
        elif kind is FixedProbabilityConnector:
            allow = connector.allow_self_connections
            if allow is not True and allow is not False:
                return False
            draws = np.asarray(connector.rng.next(npre * npost, "uniform",
                                                  {"low": 0.0, "high": 1.0}), float)
            flat = np.nonzero(draws.reshape(npost * npre) < connector.p_connect)[0]
            post, pre = np.divmod(flat.astype(np.int64), npre)
        elif kind is FixedTotalNumberConnector:
            pairs = self._total_number_pairs(connector)
            if pairs is None:
                return False
            pre, post = pairs
            allow = True  # autapses were drawn again where excluded
        elif kind in (FixedNumberPreConnector, FixedNumberPostConnector):
            pairs = self._fixed_number_pairs(connector, kind is FixedNumberPostConnector)
            if pairs is None:
                return False
            pre, post = pairs
            allow = True  # self-connections were left out while drawing
        else:
            return False
        if not allow:
            pre_ids = np.asarray(self.pre.all_cells, np.int64)
            post_ids = np.asarray(self.post.all_cells, np.int64)
            keep = pre_ids[pre] != post_ids[post]
            pre, post = pre[keep], post[keep]
        values = self._synapse_values(pre, post)
        if values is None:
            return False
        self._chunks = [(pre, post, values)]
        return True

    def _total_number_pairs(self, connector):
        """(pre, post) of FixedTotalNumberConnector with replacement: n independent uniform
        pairs from the connector's rng, an autapse drawn again where they are excluded (as the
        engine's fixed_total_number and NEST's); None for the generic path (without
        replacement, or a random n)."""
        n, allow = connector.n, connector.allow_self_connections
        if not connector.with_replacement or not isinstance(n, (int, np.integer)) or n < 0:
            return None
        if allow is not True and allow is not False:
            return None
        npre, npost = self.pre.size, self.post.size
        if n and (npre == 0 or npost == 0):
            raise errors.ConnectionError("FixedTotalNumberConnector: no cells to connect")

        def draw(count):
            pre = np.asarray(connector.rng.next(count, "uniform_int", {"low": 0, "high": npre}),
                             np.int64).reshape(count)
            post = np.asarray(connector.rng.next(count, "uniform_int", {"low": 0, "high": npost}),
                              np.int64).reshape(count)
            return pre, post

        pre, post = draw(int(n))
        if not allow:
            pre_ids = np.asarray(self.pre.all_cells, np.int64)
            post_ids = np.asarray(self.post.all_cells, np.int64)
            for _ in range(1000):
                again = np.flatnonzero(pre_ids[pre] == post_ids[post])
                if again.size == 0:
                    break
                pre[again], post[again] = draw(again.size)
            else:
                return None
        return pre, post

    def _fixed_number_pairs(self, connector, per_pre):
        """(pre, post) for FixedNumberPost (per_pre: each pre cell gets n targets) or
        FixedNumberPre (each post cell gets n sources), drawn from the connector's rng in blocks
        of rows; None where only the generic path applies (n random, or with replacement and
        without self-connections)."""
        n = connector.n
        if not isinstance(n, (int, np.integer)) or n < 0:
            return None
        n = int(n)
        rows, cols = (self.pre.size, self.post.size) if per_pre else (self.post.size, self.pre.size)
        exclude_self = self.pre == self.post and not connector.allow_self_connections
        if connector.with_replacement:
            if exclude_self:
                return None
            chosen = np.asarray(connector.rng.next(rows * n, "uniform_int",
                                                   {"low": 0, "high": cols}), np.int64)
        else:
            if n > cols - exclude_self:
                return None  # more than one full set per row: PyNN's generic rule
            blocks = []
            for start in range(0, rows, 256):
                count = min(256, rows - start)
                u = np.asarray(connector.rng.next(count * cols, "uniform",
                                                  {"low": 0.0, "high": 1.0}), float)
                u = u.reshape(count, cols)
                if exclude_self:
                    u[np.arange(count), np.arange(start, start + count)] = np.inf
                if n == 0:
                    blocks.append(np.zeros((count, 0), np.int64))
                else:  # the n smallest draws of a row: n distinct cells chosen uniformly
                    blocks.append(np.argpartition(u, n - 1, axis=1)[:, :n])
            chosen = np.vstack(blocks).astype(np.int64).ravel() if blocks else np.zeros(0, np.int64)
        row = np.repeat(np.arange(rows, dtype=np.int64), n)
        return (row, chosen) if per_pre else (chosen, row)

    def _fast_from_list(self, connector):
        conn = np.asarray(connector.conn_list, float)
        names = self.synapse_type.get_parameter_names()
        for name in connector.column_names:
            if name not in names:
                raise ValueError(f"{name} is not a valid parameter for "
                                 f"{type(self.synapse_type).__name__}")
        if conn.size == 0:
            return True
        conn = conn.reshape(len(conn), -1)
        pre = conn[:, 0].astype(np.int64)
        post = conn[:, 1].astype(np.int64)
        if np.any(pre >= self.pre.size) or np.any(pre < 0):
            raise errors.ConnectionError("source index out of range")
        if np.any(post >= self.post.size) or np.any(post < 0):
            raise errors.ConnectionError("target index out of range")
        values = self._synapse_values(pre, post)
        if values is None:
            return False
        columns = {}
        for col, name in enumerate(connector.column_names, 2):
            columns[name] = conn[:, col]
        if columns:
            ps = ParameterSpace(columns, self.synapse_type.get_schema(), shape=(pre.size,))
            if isinstance(self.synapse_type, StandardSynapseType):
                ps = self.synapse_type.translate(ps)
            ps.evaluate()
            for name, value in ps.items():
                values[name] = np.asarray(value, float)
        self._chunks = [(pre, post, values)]
        return True

    # --- PyNN interface -----------------------------------------------------------------
    def __len__(self):
        return int(self._pre.size)

    def __getitem__(self, i):
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return Connection(self, i)

    @property
    def connections(self):
        return [Connection(self, i) for i in range(len(self))]

    def _native_values(self, name):
        if name.endswith("s") and name[:-1] in self._params:  # weights -> weight
            name = name[:-1]
        if name == "weight" and self._plastic():
            return self._learned_weights()
        return self._params[name]

    # --- STDP ---------------------------------------------------------------------------
    def _plastic(self):
        return isinstance(self.synapse_type, STDPMechanism)

    def _check_stdp_components(self):
        st = self.synapse_type
        if st.voltage_dependence is not None:
            raise NotImplementedError("spikewafer: STDP with a voltage dependence is not available")
        if type(st.timing_dependence).__name__ != "SpikePairRule" or not hasattr(
                st.weight_dependence, "engine_dependence"):
            raise NotImplementedError(
                "spikewafer: STDPMechanism takes a SpikePairRule with an Additive or "
                "MultiplicativeWeightDependence")

    def _learned_weights(self):
        """The weights as they are now in the running engine (replica 0; what the engine
        learned), with the signs of the description; the description's before a run."""
        weights = self._params["weight"]
        sim = simulator.state._sim
        parts = getattr(self, "_parts", None)
        if sim is None or not parts:
            return weights
        learned = weights.copy()
        for part in parts:
            chunk = part[3]
            magnitude = np.asarray(sim.plastic_weights(part[0]), float)
            learned[chunk] = np.where(weights[chunk] < 0, -magnitude, magnitude)
        return learned

    def _keep_learned_weights(self):
        """Before a change of some weights between runs: the others keep what they learned."""
        if self._plastic() and simulator.state.step > 0:
            self._params["weight"] = self._learned_weights()

    def _engine_stdp(self):
        rule = {}
        for name in _STDP_RULE:
            v = self._params[name]
            if v.size and np.ptp(v) != 0:
                raise NotImplementedError(
                    f"spikewafer: STDPMechanism {name} must be the same for all connections of "
                    "a projection")
            rule[name] = float(v[0]) if v.size else 0.0
        low, high = sorted((abs(rule["w_min"]), abs(rule["w_max"])))
        rule["w_min"], rule["w_max"] = low, high  # magnitudes, as the weights
        dependence = self.synapse_type.weight_dependence.engine_dependence
        return sw.Stdp(enabled=True, dependence=dependence, **rule)

    def _get_attributes_as_list(self, names):
        columns = []
        for name in names:
            if name == "presynaptic_index":
                columns.append(self._pre)
            elif name == "postsynaptic_index":
                columns.append(self._post)
            else:
                columns.append(self._native_values(name))
        return [tuple(row) for row in np.column_stack(columns).tolist()] if columns else []

    def _get_attributes_as_arrays(self, names, multiple_synapses="sum"):
        ops = {"sum": (np.add.at, 0.0), "min": (np.minimum.at, np.inf),
               "max": (np.maximum.at, -np.inf)}
        shape = (self.pre.size, self.post.size)
        present = np.zeros(shape, bool)
        present[self._pre, self._post] = True
        out = []
        for name in names:
            values = self._native_values(name)
            if multiple_synapses in ops:
                op, init = ops[multiple_synapses]
                arr = np.full(shape, init)
                op(arr, (self._pre, self._post), values)
            else:
                arr = np.full(shape, np.nan)
                order = np.arange(values.size)
                if multiple_synapses == "first":
                    order = order[::-1]
                arr[self._pre[order], self._post[order]] = values[order]
            arr[~present] = np.nan
            out.append(arr)
        return out

    def _set_attributes(self, parameter_space):
        state = simulator.state
        self._keep_learned_weights()
        # Weights and delays go to the running engine; anything else rebuilds it.
        if state.step == 0 or set(parameter_space.keys()) - {"weight", "delay"}:
            state.structure_changed("Projection.set() of other parameters than weight and delay")
        else:
            state.projection_changed(self)
        parameter_space.evaluate()
        new = {}
        for name, value in parameter_space.items():
            value = np.asarray(value, float)
            new[name] = (np.full(self._pre.size, float(value)) if value.ndim == 0
                         else value[self._pre, self._post])
        self._check_values(new)
        self._params.update(new)

    # --- into the engine ----------------------------------------------------------------
    def _add_to_network(self, net, names, eng_pop_of_id, eng_local_of_id):
        """Appends one engine projection per pair of engine populations, and remembers which
        (self._parts: engine index, source and target name, connection indices, local source
        and target indices) for changes between runs."""
        self._parts = []
        if self._pre.size == 0:
            return
        pre_ids = np.asarray(self.pre.all_cells, np.int64)[self._pre]
        post_ids = np.asarray(self.post.all_cells, np.int64)[self._post]
        es, ls = eng_pop_of_id[pre_ids], eng_local_of_id[pre_ids]
        et, lt = eng_pop_of_id[post_ids], eng_local_of_id[post_ids]
        count = len(names)
        key = es * count + et
        order = np.argsort(key, kind="stable")
        key = key[order]
        bounds = np.flatnonzero(np.diff(key)) + 1
        for chunk in np.split(order, bounds):
            a, b = int(es[chunk[0]]), int(et[chunk[0]])
            part = (len(net.projections), names[a], names[b], chunk,
                    ls[chunk].astype(np.uint32), lt[chunk].astype(np.uint32))
            self._parts.append(part)
            net.projections.append(self._engine_projection(part))

    def _engine_projection(self, part):
        """The spikewafer.Projection of one part with the current weights and delays."""
        _, source, target, chunk, pre, post = part
        weight = np.abs(self._params["weight"])
        delay = self._params["delay"]
        receptor = "inhibitory" if self.receptor_type == "inhibitory" else "excitatory"
        extra = {}
        if self._plastic():
            extra = dict(stdp=self._engine_stdp())
        if isinstance(self.synapse_type, TsodyksMarkramSynapse):
            stp = {}
            for name, engine_name in (("U", "U"), ("tau_rec", "tau_rec"),
                                      ("tau_facil", "tau_fac")):
                v = self._params[name]
                if np.ptp(v) != 0:
                    raise NotImplementedError(
                        f"spikewafer: TsodyksMarkramSynapse {name} must be the same for all "
                        "connections (the engine keeps short-term plasticity per source neuron)")
                stp[engine_name] = float(v[0])
            extra = dict(dynamics="tsodyks_markram", stp=sw.ShortTermPlasticity(**stp))
        release = 1.0
        if isinstance(self.synapse_type, SimpleStochasticSynapse):
            release = self._params["p"][chunk]
        return sw.Projection(source=source, target=target, receptor=receptor,
                             connector=sw.Connector.from_list(pre, post, weight[chunk],
                                                              delay[chunk], release),
                             **extra)
