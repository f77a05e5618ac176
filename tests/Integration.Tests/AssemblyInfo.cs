// Integration tests run real encoders, clusters and sockets, and some measure this process's threads and
// descriptors: run them one class at a time so they neither starve each other on 2 cores nor skew the counts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
