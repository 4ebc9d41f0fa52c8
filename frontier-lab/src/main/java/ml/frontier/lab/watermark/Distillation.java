package ml.frontier.lab.watermark;

import ml.frontier.attack.Attack;
import ml.frontier.attack.AttackContext;
import ml.frontier.attack.AttackResult;
import ml.frontier.core.FrontierException;
import ml.frontier.core.classifier.DjlClassifier;
import ml.frontier.core.data.Dataset;
import ml.frontier.core.model.ModelZoo;
import ml.frontier.core.model.NetworkModel;
import ml.frontier.core.model.TrainableModel;
import ml.frontier.core.train.ClassifierTrainer;
import ml.frontier.core.train.Evaluation;
import ml.frontier.core.train.TrainingConfig;

import java.util.Map;

/**
 * Label-only distillation into another architecture: the attacker labels its own data with the
 * marked model's answers (all a prediction API gives) and trains a fresh network of its choice on
 * them. Nothing of the marked model's parameters survives; only its decisions on the attacker's
 * data do.
 */
final class Distillation implements Attack {

    private final NetSetup student;

    Distillation(NetSetup student) {
        this.student = student;
    }

    @Override
    public String name() {
        return "distill";
    }

    @Override
    public Map<String, Object> parameters() {
        return Map.of("student", student.label(), "epochs", student.epochs());
    }

    @Override
    public AttackResult apply(TrainableModel model, AttackContext context) throws FrontierException {
        DjlClassifier teacher = new DjlClassifier(model);
        Dataset own = context.attackerData();
        Dataset labelled = new Dataset(own.name() + "/distilled", own.images(), teacher.predict(own.images()),
                own.numClasses());
        ModelZoo zoo = ModelZoo.standard();
        NetworkModel s = NetworkModel.create(zoo, zoo.spec(student.architecture(), student.hyper(), own.shape(),
                own.numClasses()), context.seed());
        try {
            new ClassifierTrainer(TrainingConfig.builder().optEpochs(student.epochs()).optLearningRate(student.learningRate())
                    .optClip(student.clip()).optSeed(context.seed()).build(), context.progress()).train(s, labelled, null);
            s.setMetadata(s.metadata().withStep("attack:distill", parameters()));
            s.rehash();
            return new AttackResult(name(), s, Evaluation.accuracy(teacher, context.test()),
                    Evaluation.accuracy(new DjlClassifier(s), context.test()), Map.of(), parameters());
        } catch (FrontierException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
