// Each cluster test runs three node processes, their Chromiums and a simulator: two at once on a two-core machine would
// starve both (and the node-loss test's 60 s bound is timed). The classes run one after the other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
