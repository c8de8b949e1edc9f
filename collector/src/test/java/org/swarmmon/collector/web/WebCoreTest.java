package org.swarmmon.collector.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.swarmmon.collector.promql.Sample;
import org.swarmmon.collector.promql.Series;
import org.swarmmon.collector.promql.Value;
import org.swarmmon.labels.Labels;

/** Time and duration parameters, number and result encoding, and web.config.yml parsing. */
class WebCoreTest {

  @Test
  void timesAndDurations() {
    assertThat(ApiParams.parseTime("1435781451.781")).isEqualTo(Instant.ofEpochMilli(1435781451781L));
    assertThat(ApiParams.parseTime("2015-07-01T20:10:51.781Z")).isEqualTo(Instant.ofEpochMilli(1435781451781L));
    assertThat(ApiParams.parseTime("2015-07-01T22:10:51.781+02:00")).isEqualTo(Instant.ofEpochMilli(1435781451781L));
    assertThatThrownBy(() -> ApiParams.parseTime("x")).hasMessage("cannot parse \"x\" to a valid timestamp");
    assertThat(ApiParams.parseDuration("15")).isEqualTo(Duration.ofSeconds(15));
    assertThat(ApiParams.parseDuration("0.5")).isEqualTo(Duration.ofMillis(500));
    assertThat(ApiParams.parseDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> ApiParams.parseDuration("1x")).hasMessage("cannot parse \"1x\" to a valid duration");
    assertThatThrownBy(() -> ApiParams.time("time", "bad", null))
        .hasMessage("invalid parameter \"time\": Invalid time value for 'time': cannot parse \"bad\" to a valid timestamp");
  }

  @Test
  void numbersAndResults() {
    assertThat(ApiJson.number(Double.NaN)).isEqualTo("NaN");
    assertThat(ApiJson.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(ApiJson.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(ApiJson.number(1)).isEqualTo("1");
    assertThat(ApiJson.number(100)).isEqualTo("100");
    assertThat(ApiJson.number(0.1)).isEqualTo("0.1");
    assertThat(ApiJson.number(1e21)).isEqualTo("1000000000000000000000");
    assertThat(ApiJson.number(1.5e-7)).isEqualTo("0.00000015");
    Labels l = Labels.of("__name__", "up", "job", "a");
    assertThat(ApiJson.success(ApiJson.queryData(new Value.Vector(List.of(new Sample(l, 1435781451781L, 1))))))
        .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
            + "[{\"metric\":{\"__name__\":\"up\",\"job\":\"a\"},\"value\":[1435781451.781,\"1\"]}]}}");
    assertThat(ApiJson.success(ApiJson.queryData(new Value.Matrix(List.of(
        new Series(l, new long[] {1000, 2000}, new double[] {0.5, Double.NaN}))))))
        .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":"
            + "[{\"metric\":{\"__name__\":\"up\",\"job\":\"a\"},\"values\":[[1,\"0.5\"],[2,\"NaN\"]]}]}}");
    assertThat(ApiJson.success(ApiJson.queryData(new Value.Scalar(0, 2)), List.of("w")))
        .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[0,\"2\"]},\"warnings\":[\"w\"]}");
    assertThat(ApiJson.error(new ApiError("execution", "boom")))
        .isEqualTo("{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"boom\"}");
    assertThat(new ApiError("timeout", "t").httpStatus()).isEqualTo(503);
    assertThat(new ApiError("execution", "t").httpStatus()).isEqualTo(422);
  }

}
