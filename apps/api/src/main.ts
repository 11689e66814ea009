import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CqrsModule } from '@nestjs/cqrs';
@Controller() class H { @Get('/health') h() { return { ok: 1 }; } }
@Module({ imports: [CqrsModule.forRoot()], controllers: [H] }) class M {}
async function main() { const app = await NestFactory.create(M); SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, new DocumentBuilder().build())); await app.listen(3111); console.log('up'); }
void main();
