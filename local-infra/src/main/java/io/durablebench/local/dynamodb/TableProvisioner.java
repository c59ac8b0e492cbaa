package io.durablebench.local.dynamodb;

import io.durablebench.local.template.LocalResources;
import io.durablebench.local.template.SamTemplate;
import io.durablebench.local.template.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;

/** Creates the template's DynamoDB tables in a (local) DynamoDB, named as {@link LocalResources} says. */
public final class TableProvisioner {
    private TableProvisioner() {
    }

    /** Creates every table of the template that does not exist yet; returns the names created. */
    public static List<String> createAll(DynamoDbClient client, SamTemplate template, LocalResources names) {
        List<String> created = new ArrayList<>();
        for (TableDefinition table : template.tables().values()) {
            String name = names.tableName(table.logicalId());
            try {
                client.createTable(table.toCreateTableRequest(name));
                created.add(name);
            } catch (ResourceInUseException alreadyThere) {
                continue;
            }
            table.timeToLiveAttribute().ifPresent(attr -> client.updateTimeToLive(r -> r.tableName(name)
                    .timeToLiveSpecification(TimeToLiveSpecification.builder().attributeName(attr).enabled(true).build())));
        }
        return created;
    }
}
