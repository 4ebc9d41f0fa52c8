/** {@code frontier watermark embed|verify|threshold}: frontier-stitching watermarks from the command line. */
package ml.frontier.cli.watermark;
