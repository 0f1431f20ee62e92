// A dense Eigen weight matrix becomes exactly its non-zero synapses, source rows to target columns.
#include <gtest/gtest.h>

#include "network/connectivity.hpp"
#include "kernels/synapse_packing.hpp"
#include "spikewafer/dense_matrix.hpp"

namespace {

TEST(DenseMatrixConnector, NonZeroEntriesBecomeSynapsesFromRowsToColumns) {
  spikewafer::Network net;
  net.source = "<test>";
  for (const char* name : {"pre", "post"}) {
    spikewafer::Population p;
    p.name = name;
    p.size = name[1] == 'r' ? 2 : 3;
    p.model = spikewafer::Model::kIfCurrExp;
    net.populations.push_back(p);
  }
  Eigen::MatrixXd w(2, 3);
  w << 0.0, 0.5, 0.0,
       0.25, 0.0, 0.75;
  spikewafer::Projection pr;
  pr.source = "pre";
  pr.target = "post";
  pr.connector = spikewafer::dense_matrix_connector(w);
  net.projections = {pr};
  const spikewafer::Connectivity c = spikewafer::build_connectivity(net);
  ASSERT_EQ(c.synapses(), 3u);
  // Row of pre 0: one synapse to post 1 (global 3); row of pre 1: post 0 and post 2.
  EXPECT_EQ(c.row_ptr[1] - c.row_ptr[0], 1u);
  EXPECT_EQ(spikewafer::kernels::unpack_target(c.target_delay[0]), 3u);
  EXPECT_FLOAT_EQ(c.weight[0], 0.5f);
  EXPECT_EQ(spikewafer::kernels::unpack_target(c.target_delay[1]), 2u);
  EXPECT_FLOAT_EQ(c.weight[1], 0.25f);
  EXPECT_EQ(spikewafer::kernels::unpack_target(c.target_delay[2]), 4u);
  EXPECT_FLOAT_EQ(c.weight[2], 0.75f);
}

}  // namespace
