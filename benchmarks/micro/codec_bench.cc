// Key and record codecs: what every write encodes and every load at open decodes (1.2M node
// records and 4.8M edge keys and properties at 100,000 people).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "../../src/graph/record_codec.h"
#include "whoknows/storage/key_codec.h"

namespace {

using namespace whoknows;

void BM_EdgeKeyEncode(benchmark::State& state) {
  uint64_t src = 1000;
  for (auto _ : state) {
    std::string key = storage::EdgeKey(src++, 6, 4242);
    benchmark::DoNotOptimize(key.data());
  }
}
BENCHMARK(BM_EdgeKeyEncode);

void BM_EdgeKeyDecode(benchmark::State& state) {
  const std::string key = storage::EdgeKey(123456, 6, 4242);
  for (auto _ : state) {
    benchmark::DoNotOptimize(key.data());
    auto parts = storage::DecodeEdgeKey(key);
    benchmark::DoNotOptimize(parts);
  }
}
BENCHMARK(BM_EdgeKeyDecode);

void BM_NodeKeyEncodeDecode(benchmark::State& state) {
  uint64_t vid = 1000;
  for (auto _ : state) {
    auto parts = storage::DecodeNodeKey(storage::NodeKey(3, vid++));
    benchmark::DoNotOptimize(parts);
  }
}
BENCHMARK(BM_NodeKeyEncodeDecode);

// A document as the generator writes them: title, url, created date.
graph::NodeData Document() {
  graph::NodeData node;
  node.kind = graph::Kind::kDocument;
  node.id = "d0012345";
  node.name = "Rolling out Kubernetes operators for the payments platform";
  node.url = "https://wiki.example.com/d0012345";
  node.created = DaysFromCivil(2024, 5, 17);
  return node;
}

void BM_NodeRecordEncode(benchmark::State& state) {
  const graph::NodeData node = Document();
  for (auto _ : state) {
    std::string bytes = graph::internal::EncodeNodeData(node);
    benchmark::DoNotOptimize(bytes.data());
  }
}
BENCHMARK(BM_NodeRecordEncode);

void BM_NodeRecordDecode(benchmark::State& state) {
  const std::string bytes = graph::internal::EncodeNodeData(Document());
  for (auto _ : state) {
    auto node = graph::internal::DecodeNodeData(bytes);
    benchmark::DoNotOptimize(node.ok());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_NodeRecordDecode);

// Edge properties: the 2-byte default (most edges) and a membership with role and dates.
void BM_EdgePropsDecode(benchmark::State& state) {
  graph::EdgeProps props;
  if (state.range(0) == 1) {
    props.role = "reviewer";
    props.position = 3;
    props.since = DaysFromCivil(2021, 1, 4);
    props.until = DaysFromCivil(2023, 6, 30);
  }
  const std::string bytes = graph::internal::EncodeEdgeProps(props);
  for (auto _ : state) {
    auto decoded = graph::internal::DecodeEdgeProps(bytes);
    benchmark::DoNotOptimize(decoded.ok());
  }
  state.SetLabel(std::to_string(bytes.size()) + " bytes");
}
BENCHMARK(BM_EdgePropsDecode)->Arg(0)->Arg(1);

}  // namespace
