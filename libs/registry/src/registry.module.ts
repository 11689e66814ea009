import { Module } from '@nestjs/common';
import { DistrictRegistry } from './districts/district-registry.service';
import { DistrictsController } from './districts/districts.controller';
import { PartnerDirectory } from './partners/partner-directory.service';
import { PartnersController } from './partners/partners.controller';
import { RegistryReader } from './registry-reader';

/** Districts, their schools and the community partner directory: what case commands are checked against. */
@Module({
  controllers: [DistrictsController, PartnersController],
  providers: [RegistryReader, DistrictRegistry, PartnerDirectory],
  exports: [RegistryReader],
})
export class RegistryModule {}
