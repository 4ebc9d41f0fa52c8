/** Progress reporting for long loops: terminal bar, plain lines for logs, or silence. */
package ml.frontier.core.progress;
