package io.zqt.bench;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Added to the app only by the benchmark: counts the SQL statements of ZQT's data source. */
@Configuration(proxyBeanMethods = false)
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
