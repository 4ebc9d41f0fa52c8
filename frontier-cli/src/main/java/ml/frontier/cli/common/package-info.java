/** Options and behaviour shared by Frontier's commands: model source, data, seed, errors, progress. */
package ml.frontier.cli.common;
