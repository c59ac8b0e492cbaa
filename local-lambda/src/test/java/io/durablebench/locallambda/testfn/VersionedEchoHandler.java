package io.durablebench.locallambda.testfn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** An ordinary function that answers which code it is; VersionsTest compiles another class of this name. */
public class VersionedEchoHandler implements RequestStreamHandler {
    static final String CODE = "template";

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        out.write(("{\"code\":\"" + CODE + "\",\"version\":\"" + context.getFunctionVersion() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
