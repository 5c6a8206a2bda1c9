package io.zqt.bench;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;

/**
 * Added to the app only by the benchmark ({@code BenchMain} passes it as a source): counts the SQL statements of ZQT's
 * data source. Deliberately not a {@code @Configuration}: the app's component scan would then add it to every app on the
 * test class path (the tests' and the profiling tools'), wrapping their data source too.
 */
class BenchInstrumentation {

  static final SqlCounter SQL = new SqlCounter();

  @Bean
  static BeanPostProcessor countingDataSource() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource ds && "dataSource".equals(beanName) ? SQL.wrap(ds) : bean;
      }
    };
  }
}
