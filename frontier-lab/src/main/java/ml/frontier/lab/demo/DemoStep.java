package ml.frontier.lab.demo;

/** One step of the demo: it does its work, prints what it did and adds a section to the report. */
public interface DemoStep {

    String title();

    void run(DemoContext ctx) throws Exception;
}
