/** Learning curves of a GAN run: CSV and PNG line plots. */
package ml.frontier.gan.report;
