/**
 * The papers' experiments (watermark, tamper, MD-GAN), benchmarks and the demo: each combines
 * the library modules and writes CSV, PNG and Markdown reports.
 */
package ml.frontier.lab;
