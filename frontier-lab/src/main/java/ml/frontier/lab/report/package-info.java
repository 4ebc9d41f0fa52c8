/** Report building blocks for experiments: CSV tables, PNG line plots, Markdown/HTML reports. */
package ml.frontier.lab.report;
