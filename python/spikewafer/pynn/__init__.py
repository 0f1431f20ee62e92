"""The spikewafer backend for PyNN (``import pyNN.spikewafer as sim``), see docs/pynn.md.

PyNN scripts describe the network as usual; at the first run() it is translated into one
spikewafer.Network and simulated by the engine (CPU, or CUDA with setup(backend="cuda")).
setup(..., replicas=R) runs R copies of the network in lockstep; get_data() then returns one
neo Block per replica (or the one asked for with replica=r).
"""

from pyNN import errors, random, space  # noqa: F401
from pyNN.connectors import *  # noqa: F401,F403
from pyNN.network import Network  # noqa: F401
from pyNN.random import GSLRNG, NumpyRNG, RandomDistribution  # noqa: F401
from pyNN.recording import *  # noqa: F401,F403
from pyNN.space import Space  # noqa: F401
from pyNN.standardmodels import StandardCellType

from .control import (end, get_current_time, get_max_delay, get_min_delay,  # noqa: F401
                      get_time_step, initialize, num_processes, rank, reset, run, run_for,
                      run_until, setup)
from .populations import Assembly, Population, PopulationView  # noqa: F401
from .procedural_api import connect, create, record, record_gsyn, record_v  # noqa: F401
from .projections import Projection  # noqa: F401
from .random import NativeRNG  # noqa: F401
from .standardmodels import (ACSource, AdditiveWeightDependence, DCSource,  # noqa: F401
                             EIF_cond_alpha_isfa_ista, EIF_cond_exp_isfa_ista, HH_cond_exp,
                             IF_cond_alpha,
                             IF_cond_exp, IF_curr_alpha, IF_curr_exp,
                             MultiplicativeWeightDependence, NoisyCurrentSource,
                             SimpleStochasticSynapse, SpikePairRule, SpikeSourceArray,
                             SpikeSourceGamma, SpikeSourcePoisson, SpikeSourcePoissonRefractory,
                             StaticSynapse, STDPMechanism, StepCurrentSource,
                             TsodyksMarkramSynapse)


def list_standard_models():
    """The StandardCellType classes available in this backend."""
    return [obj.__name__ for obj in globals().values()
            if isinstance(obj, type) and issubclass(obj, StandardCellType)
            and obj is not StandardCellType]
