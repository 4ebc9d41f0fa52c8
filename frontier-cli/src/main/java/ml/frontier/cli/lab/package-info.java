/** The {@code frontier lab …} subcommands: the papers' experiments and the benchmarks, one class each. */
package ml.frontier.cli.lab;
