package ml.frontier.serve;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The models a server holds, by name; fixed at construction. */
public final class ModelRegistry {

    private final Map<String, ServedModel> models;
    private final List<String> names;

    public ModelRegistry(Collection<ServedModel> models) {
        Map<String, ServedModel> byName = new LinkedHashMap<>();
        for (ServedModel m : models) {
            if (byName.putIfAbsent(m.name(), m) != null) {
                throw new IllegalArgumentException("two models are named '" + m.name() + "'");
            }
        }
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one model");
        }
        this.models = Map.copyOf(byName);
        this.names = List.copyOf(byName.keySet());
    }

    /** The model called {@code name}, or a 404 naming the models served. */
    public ServedModel get(String name) {
        ServedModel m = models.get(name);
        if (m == null) {
            throw OipException.notFound("unknown model '" + name + "' (this server has: " + String.join(", ", names) + ")");
        }
        return m;
    }

    /** Model names in the order they were added. */
    public List<String> names() {
        return names;
    }

    /** All models, in the order they were added. */
    public List<ServedModel> all() {
        return names.stream().map(models::get).toList();
    }
}
