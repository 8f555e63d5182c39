package io.switchboard.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Each overlay rendered by the real Kustomize (kubectl kustomize or kustomize build), where one is installed. */
class KustomizeRenderTest {

    static List<String> overlays() {
        return Kustomize.OVERLAYS;
    }

    @ParameterizedTest(name = "overlay {0}")
    @MethodSource("overlays")
    void rendersWithoutErrors(String overlay) {
        var tool = Kustomize.tool();
        if (tool.isEmpty()) {
            Tools.missing("no kubectl with Kustomize 4+ or kustomize on the PATH: overlay " + overlay
                    + " was resolved and checked without its patches");
            return;
        }
        List<Map<String, Object>> rendered = Kustomize.render(tool.get(), Kustomize.K8S.resolve("overlays").resolve(overlay));
        assertFalse(rendered.isEmpty(), overlay + " rendered nothing");
        for (Map<String, Object> resource : rendered) {
            assertFalse(Yamls.kind(resource) == null || Yamls.name(resource) == null, "a rendered resource without kind or name: " + resource);
        }
    }
}
