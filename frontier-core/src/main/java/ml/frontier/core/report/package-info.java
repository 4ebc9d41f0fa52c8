/** Report building blocks every module shares: PNG line plots (java.awt only, headless). */
package ml.frontier.core.report;
